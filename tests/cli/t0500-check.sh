#!/usr/bin/env bash
# govern check: each core rule prints FILE:LINE: [rule] message with the
# right file and line and exits 1; a clean store exits 0 with no output.
# Notice in clear days under s243 (Sundays, bank holidays, the Christmas and
# Easter breaks skipped) and under notice_counting: working.
# Rules about a whole field (notice, quorum, parent, uid) are compared here
# with the line number masked as N; t0510 checks that they point at the field.
. "$(dirname "$0")/lib.sh"

# fresh NAME [init options]: a new store with one committee, cds
fresh() {
    local name=$1
    shift
    cd "$TEST_TMP" || exit 1
    new_store "$TEST_TMP/$name" "$@"
    expect_ok committee add cds --name "Crime and Disorder Scrutiny"
    expect_ok member add cds "Cllr Ann Archer" --role chair
}

line_of() { # FILE REGEX: the first line number matching
    grep -n -m1 -E "$2" "$1" | cut -d: -f1
}

# stdout with the line of field-level rules masked: FILE:N: [rule]
expect_stdout_masked() {
    cat >"$TEST_TMP/.expected"
    sed -E 's/^([^ :]+):[0-9]+: \[(notice|quorum|committee|uid)\]/\1:N: [\2]/' "$OUT" >"$TEST_TMP/.actual"
    _expect_text "$TEST_TMP/.actual" "$TEST_TMP/.expected" "stdout (field lines masked)"
}

out_has_masked() {
    sed -E 's/^([^ :]+):[0-9]+: \[(notice|quorum|committee|uid)\]/\1:N: [\2]/' "$OUT" >"$TEST_TMP/.actual"
    _has "$TEST_TMP/.actual" "stdout (field lines masked)" "$1"
}

expect_check_clean() { # ARGS for check
    expect_ok check "$@"
    expect_stdout </dev/null
}

section "a clean store"
fresh clean
expect_ok meeting new cds --date 2021-06-14
expect_ok meeting new cds --date 2021-07-12
expect_ok agenda publish cds/2021-06-14 --date 2021-06-04
expect_check_clean --as-of 2021-06-01
expect_ok check --as-of 2021-06-01 --format json
json_valid
json_expect 'j == {"problems": []}'
expect_ok check --as-of 2021-06-01
err_has "0 problems in 1 committee and 2 meetings"

section "notice: published too late (s243 clear days)"
fresh notice
expect_ok meeting new cds --date 2021-06-14
# Mon 7 June to Mon 14 June: Tue-Sat = 5 clear days (Sunday skipped): enough
expect_ok agenda publish cds/2021-06-14 --date 2021-06-07
expect_check_clean --as-of 2021-06-14
expect_ok meeting held cds/2021-06-14 --as-of 2021-06-14
expect_ok meeting new cds --date 2021-07-12
# Tue 6 July to Mon 12 July: Wed-Sat = 4 clear days
expect_ok agenda publish cds/2021-07-12 --date 2021-07-06
A=cds/2021-07-12/agenda.md
expect_fail 1 check --as-of 2021-07-12
expect_stdout_masked <<EOF
$A:N: [notice] agenda published on 2021-07-06 gives 4 clear days (s243 LGA 1972) before the meeting; 5 needed (publish by 2021-07-05)
EOF
expect_fail 1 check --as-of 2021-07-12 --format json
json_valid
json_expect "[{k: v for k, v in p.items() if k != 'line'} for p in j['problems']] == [{'path': '$A', 'rule': 'notice', 'message': 'agenda published on 2021-07-06 gives 4 clear days (s243 LGA 1972) before the meeting; 5 needed (publish by 2021-07-05)'}]"

section "notice: bank holidays do not count (late May bank holiday 2021)"
fresh bankhol
expect_ok meeting new cds --date 2021-06-02
expect_ok meeting new cds --date 2021-06-03
# Wed 26 May to Wed 2 June: Thu, Fri, Sat, (Sun, Mon 31 May bank holiday), Tue = 4
expect_ok agenda publish cds/2021-06-02 --date 2021-05-26
# Tue 25 May to Thu 3 June: Wed 26, Thu 27, Fri 28, Sat 29, Tue 1, Wed 2 = 6
expect_ok agenda publish cds/2021-06-03 --date 2021-05-25
expect_ok meeting held cds/2021-06-02 --as-of 2021-06-02
expect_ok meeting held cds/2021-06-03 --as-of 2021-06-03
expect_fail 1 check --as-of 2021-07-12
B=cds/2021-06-02/agenda.md
expect_stdout_masked <<EOF
$B:N: [notice] agenda published on 2021-05-26 gives 4 clear days (s243 LGA 1972) before the meeting; 5 needed (publish by 2021-05-25)
EOF

section "notice: the Christmas break does not count (s243(4))"
fresh christmas
expect_ok meeting new cds --date 2020-12-29
# Sat 19 Dec to Tue 29 Dec 2020: Mon 21, Tue 22, Wed 23 count; Thu 24 - Mon 28
# are in the Christmas break (or Sunday, or bank holidays): 3 clear days,
# although a count that skipped only Sundays and bank holidays would give 5.
expect_ok agenda publish cds/2020-12-29 --date 2020-12-19
X=cds/2020-12-29/agenda.md
expect_fail 1 check --as-of 2020-12-29
expect_stdout_masked <<EOF
$X:N: [notice] agenda published on 2020-12-19 gives 3 clear days (s243 LGA 1972) before the meeting; 5 needed (publish by 2020-12-17)
EOF
# the same gap of days outside the Christmas break is enough
expect_ok meeting new cds --date 2021-03-02
expect_ok agenda publish cds/2021-03-02 --date 2021-02-20
expect_fail 1 check --as-of 2021-03-02
out_lacks "cds/2021-03-02"

section "notice: the Easter break does not count"
fresh easter
expect_ok meeting new cds --date 2021-04-07
# Easter Day 4 April 2021; break Thu 1 - Tue 6 April.  Published Sat 27 March:
# Mon 29, Tue 30, Wed 31 March count (Sun 28 does not): 3 clear days
expect_ok agenda publish cds/2021-04-07 --date 2021-03-27
E=cds/2021-04-07/agenda.md
expect_fail 1 check --as-of 2021-04-07
out_has_masked "$E:N: [notice] agenda published on 2021-03-27 gives 3 clear days (s243 LGA 1972)"

section "notice_counting: working (Saturdays do not count either)"
fresh working --notice-counting working
expect_ok meeting new cds --date 2021-06-14
# Mon 7 June to Mon 14 June: Tue-Fri = 4 clear working days (5 under s243)
expect_ok agenda publish cds/2021-06-14 --date 2021-06-07
W=cds/2021-06-14/agenda.md
expect_fail 1 check --as-of 2021-06-14
expect_stdout_masked <<EOF
$W:N: [notice] agenda published on 2021-06-07 gives 4 clear working days before the meeting; 5 needed (publish by 2021-06-06)
EOF
expect_ok meeting new cds --date 2021-07-12
expect_ok agenda publish cds/2021-07-12 --date 2021-07-02
expect_fail 1 check --as-of 2021-07-12
out_lacks "cds/2021-07-12"
# --notice-days changes the number of days
fresh seven --notice-days 7
expect_ok meeting new cds --date 2021-06-14
expect_ok agenda publish cds/2021-06-14 --date 2021-06-07
expect_fail 1 check --as-of 2021-06-14
out_has "[notice] agenda published on 2021-06-07 gives 5 clear days (s243 LGA 1972) before the meeting; 7 needed (publish by 2021-06-04)"

section "notice: published on the day of the meeting"
fresh sameday
expect_ok meeting new cds --date 2021-06-14
expect_ok agenda publish cds/2021-06-14 --date 2021-06-14
S=cds/2021-06-14/agenda.md
expect_fail 1 check --as-of 2021-06-14
out_has_masked "$S:N: [notice] agenda published on 2021-06-14, not before the meeting"

section "notice: agenda not published past its deadline"
fresh deadline
expect_ok meeting new cds --date 2021-06-14
D=cds/2021-06-14/agenda.md
# the deadline for Mon 14 June is Mon 7 June
expect_check_clean --as-of 2021-06-07
expect_fail 1 check --as-of 2021-06-08
expect_stdout <<EOF
$D:1: [notice] agenda not published and the deadline for 5 clear days (s243 LGA 1972) was 2021-06-07
EOF
expect_fail 1 check --as-of 2021-06-14
# after the meeting the notice is past; the meeting is still to be recorded
expect_fail 1 check --as-of 2021-06-15
expect_stdout <<EOF
cds/2021-06-14/meeting.md:4: [meeting-held] warning: meeting cds/2021-06-14 of 2021-06-14 is still 'scheduled' after its day: record it with 'govern meeting held cds/2021-06-14', or cancel or postpone it
EOF
# and for a cancelled meeting, there is nothing left to warn about
expect_ok meeting cancel cds/2021-06-14 --reason "No business"
expect_check_clean --as-of 2021-06-10

section "standard items missing"
fresh standard
expect_ok meeting new cds --date 2021-06-14
expect_ok meeting new cds --date 2021-07-12
# 2021-07-12: apologies, declarations, urgent, minutes
expect_ok agenda remove cds/2021-07-12 4
expect_ok agenda remove cds/2021-07-12 1
expect_fail 1 check --as-of 2021-06-01
expect_stdout <<'EOF'
cds/2021-07-12/agenda.md:2: [standard-items] the agenda has no 'apologies' item (standard: apologies for absence and substitutions)
cds/2021-07-12/agenda.md:2: [standard-items] the agenda has no 'minutes' item (minutes of the previous meeting)
EOF
expect_ok agenda remove cds/2021-07-12 1
expect_ok agenda remove cds/2021-07-12 1
expect_fail 1 check --as-of 2021-06-01
out_has "[standard-items] the agenda has no 'declarations' item"
out_has "[standard-items] the agenda has no 'urgent' item"
# the first meeting has no previous meeting: no minutes needed
out_lacks "cds/2021-06-14"

section "exempt paragraph 8 written by hand"
fresh exempt
expect_ok meeting new cds --date 2021-06-14
expect_ok agenda add cds/2021-06-14 "Land sale" --exempt 3
X=cds/2021-06-14/agenda.md
sed -i 's/^  exempt: 3$/  exempt: 8/' $X
git_commit_all "Hand edit: paragraph 8"
expect_fail 1 check --as-of 2021-06-01
expect_stdout <<EOF
$X:$(line_of $X '^- title: Land sale$'): [exempt] item 5 'Land sale': exempt must be a Schedule 12A paragraph from 1 to 7
EOF
# also when the edit is not committed: check reads the work tree
sed -i 's/^  exempt: 8$/  exempt: none/' $X
expect_fail 1 check --as-of 2021-06-01
out_has "[exempt] item 5 'Land sale'"
# and --rev reads the commit
expect_fail 1 --rev HEAD check --as-of 2021-06-01
out_has "[exempt] item 5 'Land sale'"
git checkout -q -- $X

section "urgent item without a reason"
fresh urgent
expect_ok meeting new cds --date 2021-06-14
expect_ok agenda add cds/2021-06-14 "Flood plan" --urgent "Storm season"
expect_ok agenda add cds/2021-06-14 "Road closure" --urgent "Works start next week"
U=cds/2021-06-14/agenda.md
sed -i 's/^  urgent: Storm season$/  urgent: yes/; s/^  urgent: Works start next week$/  urgent: ""/' $U
git_commit_all "Hand edit: urgent without reasons"
expect_fail 1 check --as-of 2021-06-01
expect_stdout <<EOF
$U:$(line_of $U '^- title: Flood plan$'): [urgent] item 5 'Flood plan' is urgent but gives no reason (the special circumstances must be stated)
$U:$(line_of $U '^- title: Road closure$'): [urgent] item 6 'Road closure' is urgent but gives no reason (the special circumstances must be stated)
EOF

section "quorum above the voting members"
fresh quorum
expect_ok committee add board --name "Board" --quorum 3 --cadence monthly
expect_ok member add board "A Chair" --role chair
expect_ok member add board "B Member"
expect_ok member add board "C Coopted" --role co-opted
expect_ok member add board "D Officer" --role officer
Q=board/committee.md
expect_fail 1 check --as-of 2021-06-01
expect_stdout_masked <<EOF
$Q:N: [quorum] quorum 3 is more than the 2 voting members serving
EOF
expect_ok member add board "E Member" --from 2021-07-01
expect_fail 1 check --as-of 2021-06-30
expect_check_clean --as-of 2021-07-01

section "parse errors name the file and the line; other files are still checked"
fresh parse
expect_ok committee add board --name "Board"
expect_ok meeting new cds --date 2021-06-14
expect_ok meeting new board --date 2021-06-15
printf -- '---\nname: Board\nkind: committee\nqourum: 3\n---\n' >board/committee.md
M=cds/2021-06-14/meeting.md
sed -i 's/^date: 2021-06-14$/date: 2021-06-31/' $M
expect_fail 1 check --as-of 2021-06-01
expect_stdout <<EOF
board/committee.md:4: [parse] unknown field 'qourum'
$M:$(line_of $M '^date:'): [parse] field 'date': 2021-06-31: June 2021 has 30 days
EOF
# a broken govern.yaml is a problem found, not a crash
cp govern.yaml "$TEST_TMP/govern.yaml.bak"
printf 'format: 1\nbody: X\nnotice_days: lots\n' >govern.yaml
expect_fail 1 check --as-of 2021-06-01
expect_stdout <<'EOF'
govern.yaml:3: [parse] field 'notice_days' must be a whole number from 0 to 60, not 'lots'
EOF
cp "$TEST_TMP/govern.yaml.bak" govern.yaml
git checkout -q -- .
expect_check_clean --as-of 2021-06-01

section "other rules: missing report, cancelled without reason, unknown parent, duplicate uid"
fresh other
expect_ok committee add sub --name "Sub-group" --kind sub-committee --parent cds
expect_ok meeting new cds --date 2021-06-14
expect_ok meeting new cds --date 2021-07-12
printf 'report\n' >"$TEST_TMP/r.md"
expect_ok agenda add cds/2021-06-14 "Report item" --report "$TEST_TMP/r.md"
git rm -q cds/2021-06-14/reports/report-item.md
sed -i 's/^parent: cds$/parent: nosuch/' sub/committee.md
uid=$(sed -n 's/^uid: //p' cds/2021-06-14/meeting.md)
sed -i "s/^uid: .*/uid: $uid/" cds/2021-07-12/meeting.md
git_commit_all "Hand edits"
R=cds/2021-06-14/agenda.md
expect_fail 1 check --as-of 2021-06-01
expect_stdout_masked <<EOF
$R:$(line_of $R '^- title: Report item$'): [report] item 5 'Report item': report cds/2021-06-14/reports/report-item.md is missing
cds/2021-07-12/meeting.md:N: [uid] uid $uid is also the uid of cds/2021-06-14 (uids must be unique)
sub/committee.md:N: [committee] parent 'nosuch' is not a committee
EOF

finish
