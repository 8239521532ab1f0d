#!/usr/bin/env bash
# Nothing exempt reaches the public agenda through the Action log: an action
# raised in an exempt minute (Schedule 12A) or at a meeting held in private
# is listed on the next agenda by id, RAG, status and due date only, never
# its text or owner (who may be the person the exempt information is about).
. "$(dirname "$0")/../cli/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add csg --name "Community Safety Strategy Group" --short-name CSG
expect_ok meeting new csg --date 2021-09-20
expect_ok agenda add csg/2021-09-20 "Staffing of the community safety team" --exempt 1
expect_ok meeting held csg/2021-09-20
expect_ok minutes draft csg/2021-09-20
M=csg/2021-09-20/minutes.md
n=$(grep -c '^## ' $M)
# the last minute is the exempt item; an open action goes in an open minute
python3 - "$M" <<'EOF'
import sys
p = sys.argv[1]
lines = open(p, encoding="utf-8").read().split("\n")
heads = [i for i, l in enumerate(lines) if l.startswith("## ")]
lines.insert(heads[-1], "- [ ] ACTION: OPEN-TEXT-4a1b publish the newsletter @{OPEN-OWNER-7c2d} due:2021-12-01\n")
lines.append("")
lines.append("- [ ] ACTION: SECRET-TEXT-9e8f settle the grievance of the officer @{SECRET-OWNER-3b3b} due:2021-11-30")
open(p, "w", encoding="utf-8").write("\n".join(lines) + "\n")
EOF
expect_ok minutes draft csg/2021-09-20
file_has $M "exempt: 1"
assert_eq "$(ls actions | wc -l)" 2 "two actions registered"

section "the next agenda's Action log: the exempt minute's action by id only"
expect_ok --as-of 2021-12-01 meeting new csg --date 2021-12-20
A=csg/2021-12-20/agenda.md
file_has $A "OPEN-TEXT-4a1b"
file_has $A "OPEN-OWNER-7c2d"
file_has $A "CSG-2021-002"
file_has $A "raised in exempt minute $n/21 (Schedule 12A, paragraph 1)"
file_lacks $A "SECRET-TEXT-9e8f"
file_lacks $A "SECRET-OWNER-3b3b"
expect_ok agenda publish csg/2021-12-20 --date 2021-12-10
for f in md html json; do
    expect_ok agenda show csg/2021-12-20 --public --format $f
    out_lacks "SECRET-TEXT-9e8f"
    out_lacks "SECRET-OWNER-3b3b"
    out_has "OPEN-TEXT-4a1b"
done

section "a meeting held in private: none of its actions' text or owners"
expect_ok committee add panel --name "Conduct Panel" --short-name CP
expect_ok meeting new panel --date 2021-10-04
sed -i 's/^sequence: 0$/sequence: 0\nprivate: true/' panel/2021-10-04/meeting.md
git_commit_all "held in private"
expect_ok --as-of 2021-10-05 action add panel/2021-10-04 "SECRET-PRIVATE-5d5d review the complaint" --owner "SECRET-PERSON-6e6e" --due 2021-12-31
expect_ok --as-of 2021-12-01 meeting new panel --date 2022-01-10
file_has panel/2022-01-10/agenda.md "CP-2021-001"
file_has panel/2022-01-10/agenda.md "raised at a meeting held in private"
file_lacks panel/2022-01-10/agenda.md "SECRET-PRIVATE-5d5d"
file_lacks panel/2022-01-10/agenda.md "SECRET-PERSON-6e6e"

section "govern actions --public and actions report --public: id and dates only"
for f in text json csv md html; do
    expect_ok --as-of 2021-12-01 actions --public --status all --format $f
    for s in SECRET-TEXT-9e8f SECRET-OWNER-3b3b SECRET-PRIVATE-5d5d SECRET-PERSON-6e6e; do
        out_lacks "$s"
    done
    out_has "OPEN-TEXT-4a1b"
    out_has "CSG-2021-002"
done
expect_ok --as-of 2021-12-01 actions --public --format json
json_expect '[a["text"] for a in j["actions"] if a["id"] == "CSG-2021-002"] == ["Not for publication: raised in exempt minute '"$n"'/21 (Schedule 12A, paragraph 1)."]'
json_expect '[a["owner"] for a in j["actions"] if a["id"] == "CP-2021-001"] == ["Not for publication"]'
for f in md html; do
    expect_ok --as-of 2021-12-01 actions report --public --from 2021-01-01 --to 2021-12-01 --format $f
    for s in SECRET-TEXT-9e8f SECRET-OWNER-3b3b SECRET-PRIVATE-5d5d SECRET-PERSON-6e6e; do
        out_lacks "$s"
    done
done
# the working view (no --public) is the full register: the markers are real
expect_ok --as-of 2021-12-01 actions --format json
out_has "SECRET-TEXT-9e8f"
out_has "SECRET-PERSON-6e6e"

finish
