#!/usr/bin/env bash
# govern check: a problem with one field points at that field's line, so that
# FILE:LINE takes an editor to it (t0500 checks the same rules with the line
# masked): the published date for notice, quorum, parent, uid.  Items point
# at their "- title:" line, parse errors at the offending line.
. "$(dirname "$0")/lib.sh"

line_of() { grep -n -m1 -E "$2" "$1" | cut -d: -f1; }

new_store "$TEST_TMP/store"
expect_ok committee add cds --name "Crime and Disorder Scrutiny" --short-name CDS --quorum 3 --cadence yearly
expect_ok member add cds "Cllr Ann Archer" --role chair
expect_ok committee add sub --name "Sub-group" --kind sub-committee --parent cds
expect_ok meeting new cds --date 2021-06-14
expect_ok meeting new cds --date 2021-07-12
expect_ok agenda publish cds/2021-07-12 --date 2021-07-06
uid=$(sed -n 's/^uid: //p' cds/2021-06-14/meeting.md)
sed -i "s/^uid: .*/uid: $uid/" cds/2021-07-12/meeting.md
sed -i 's/^parent: cds$/parent: nosuch/' sub/committee.md
git_commit_all "Hand edits"

A=cds/2021-07-12/agenda.md
C=cds/committee.md
M=cds/2021-07-12/meeting.md
S=sub/committee.md
for f in $A $C $M $S; do
    [ "$(line_of "$f" '^(published|quorum|uid|parent):')" -gt 1 ] && pass || fail "$f: field not found"
done

expect_fail 1 check --as-of 2021-06-01
expect_stdout <<EOF
$A:$(line_of $A '^published:'): [notice] agenda published on 2021-07-06 gives 4 clear days (s243 LGA 1972) before the meeting; 5 needed (publish by 2021-07-05)
$M:$(line_of $M '^uid:'): [uid] uid $uid is also the uid of cds/2021-06-14 (uids must be unique)
$C:$(line_of $C '^quorum:'): [quorum] quorum 3 is more than the 1 voting member serving
$S:$(line_of $S '^parent:'): [committee] parent 'nosuch' is not a committee
EOF

finish
