# Shared fixture of the `govern cycle report` tests (sourced after
# ../cli/lib.sh).  A store whose every figure is known:
#
#   cycle rep: grp reports to cabinet, annual, due 12-01 (REPORT_DUE when
#   set), since 2020.  A report covers the twelve months before its due date:
#   with REPORT_DUE=06-02 the report of 2022 covers 2021-06-02..2022-06-01
#   (the "2021" events below) and that of 2021 2020-06-02..2021-06-01.
#   grp (Strategy Group, short GRP) members: Alice Chair (chair, County
#   Council), Bob Member (member, County Council), Carol Police (member,
#   Constabulary), Dan Observer (observer), Eve Sub (substitute).
#   sub (Performance Sub-Group, parent grp): Frank Perf (Constabulary), Alice.
#   other (Other Board): not part of the report, except by referral.
#
#   2020: grp/2020-09-01 held (Alice, Bob, Carol present; minute Budget,
#         RESOLVED 1 part), grp/2021-03-01 cancelled.  Action GRP-2020-001
#         raised 2020-09-01, due 2020-12-31, done 2021-08-01.
#   2021: grp/2021-07-01 held (Alice, Bob present; Carol apologies): minute
#         Plan RESOLVED 2 parts, two ACTION lines (GRP-2021-001 open due
#         2021-09-30, GRP-2021-002 ticked done); minute Staffing, made exempt
#         on the agenda after the minutes were written (SECRET-AGENDA).
#         other/2021-08-01 held (not counted).
#         sub/2021-09-01 held in private (Frank present, Alice apologies;
#         SECRET-PRIVATE).
#         grp/2021-10-01 held (Alice, Carol present; Bob apologies, Eve Sub
#         for Bob): exempt item (paragraph 3, SECRET-MINUTE, an ACTION
#         SECRET-ACTION due 2021-11-30).
#         grp/2022-01-10 cancelled (No business); grp/2022-03-01 held, no
#         minutes; other/2022-02-01 not counted.
#   Actions 2021: GRP-2021-003 (Write to the PCC, due 2022-12-31, done
#         2022-08-01, after the period), GRP-2021-004 (refer to other, done
#         2021-12-01), GRP-2021-005 (the secret action), GRP-2021-006 (return,
#         Hart DC, due 2022-01-31, open), OTHER-2021-001 (referred to grp).

# minute_text FILE N/YY TEXT-FILE: the text under the heading "## N/YY ..."
minute_text() {
    python3 - "$1" "$2" "$3" <<'PY'
import sys
path, label, textfile = sys.argv[1:4]
lines = open(path, encoding="utf-8").read().split("\n")
text = open(textfile, encoding="utf-8").read().rstrip("\n")
for i, l in enumerate(lines):
    if l.startswith("## " + label + " "):
        lines[i + 1:i + 1] = ["", text]
        break
else:
    sys.exit("no heading " + label)
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
}

# The last minute number of a meeting's minutes ("5/21"), by title.
minute_of() { # ID TITLE
    python3 - "$1/minutes.md" "$2" <<'PY'
import sys, re
for l in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"## (\d+/\d+) (.*)", l.rstrip("\n"))
    if m and m.group(2) == sys.argv[2]:
        print(m.group(1))
PY
}

# report_section FILE HEADING: the lines from "HEADING" to the next heading of the
# same or a higher level (the heading included, trailing blank lines not).
report_section() {
    python3 - "$1" "$2" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
head = sys.argv[2]
level = len(head) - len(head.lstrip("#"))
out = None
for l in lines:
    if out is None:
        if l == head:
            out = [l]
        continue
    h = len(l) - len(l.lstrip("#"))
    if l.startswith("#") and l[h:h + 1] == " " and h <= level:
        break
    out.append(l)
if out is None:
    sys.exit("no heading " + head)
while out and out[-1] == "":
    out.pop()
print("\n".join(out))
PY
}

setup_report_store() {
    new_store "$TEST_TMP/store" --body "Test Council"
    expect_ok committee add cabinet --name Cabinet --kind executive
    expect_ok committee add grp --name "Strategy Group" --short-name GRP --kind partnership
    expect_ok committee add sub --name "Performance Sub-Group" --kind sub-committee --parent grp
    expect_ok committee add other --name "Other Board"
    expect_ok member add grp "Alice Chair" --role chair --organisation "County Council" --from 2020-01-01
    expect_ok member add grp "Bob Member" --organisation "County Council" --from 2020-01-01
    expect_ok member add grp "Carol Police" --organisation Constabulary --from 2020-01-01
    expect_ok member add grp "Dan Observer" --role observer --from 2020-01-01
    expect_ok member add grp "Eve Sub" --role substitute --from 2020-01-01
    expect_ok member add sub "Frank Perf" --organisation Constabulary --from 2020-01-01
    expect_ok member add sub "Alice Chair" --organisation "County Council" --from 2020-01-01
    expect_ok cycle add rep --name "Strategy Group annual report" --owner grp --to cabinet \
        --period annual --due "${REPORT_DUE:-12-01}" --basis "Cabinet decision, part (c)" --since 2020
    expect_ok meeting new cabinet --date 2021-12-07
    expect_ok meeting new other --date 2021-12-08

    local t=$TEST_TMP/text
    # --- 2020
    expect_ok --as-of 2020-08-01 meeting new grp --date 2020-09-01
    expect_ok agenda add grp/2020-09-01 "Budget"
    expect_ok meeting held grp/2020-09-01
    expect_ok minutes draft grp/2020-09-01
    for p in "Alice Chair" "Bob Member" "Carol Police"; do
        expect_ok minutes attend grp/2020-09-01 "$p" --present
    done
    printf 'RESOLVED:\n\n1. That the budget be noted.\n' >"$t"
    minute_text grp/2020-09-01/minutes.md "$(minute_of grp/2020-09-01 Budget)" "$t"
    expect_ok minutes draft grp/2020-09-01
    expect_ok --as-of 2020-09-02 action add grp/2020-09-01 "Old action" --owner "Bob Member" --due 2020-12-31
    expect_ok meeting new grp --date 2021-03-01
    expect_ok meeting cancel grp/2021-03-01 --reason "Covid-19 restrictions"

    # --- 2021
    expect_ok meeting new grp --date 2021-07-01
    expect_ok agenda add grp/2021-07-01 "Plan"
    expect_ok agenda add grp/2021-07-01 "Staffing"
    expect_ok meeting held grp/2021-07-01
    expect_ok minutes draft grp/2021-07-01
    expect_ok minutes attend grp/2021-07-01 "Alice Chair" --present
    expect_ok minutes attend grp/2021-07-01 "Bob Member" --present
    expect_ok minutes attend grp/2021-07-01 "Carol Police" --apologies
    cat >"$t" <<'TXT'
The Group considered the plan.

RESOLVED:

1. That the plan be approved.
2. That the chair write to partners.

- [ ] ACTION: Circulate the plan @{Carol Police} due:2021-09-30
- [x] ACTION: Book the room @Alice
TXT
    minute_text grp/2021-07-01/minutes.md "$(minute_of grp/2021-07-01 Plan)" "$t"
    printf 'SECRET-AGENDA staffing matter.\n\nRESOLVED:\n\n1. That SECRET-AGENDA be done.\n' >"$t"
    minute_text grp/2021-07-01/minutes.md "$(minute_of grp/2021-07-01 Staffing)" "$t"
    expect_ok minutes draft grp/2021-07-01
    # the Staffing item was exempt after all: marked on the agenda by hand
    python3 - grp/2021-07-01/agenda.md <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("- title: Staffing\n", "- title: Staffing\n  exempt: 1\n")
open(p, "w", encoding="utf-8").write(s)
PY
    git_commit_all "Staffing was exempt"
    expect_ok --as-of 2021-07-02 action add grp/2021-07-01 "Write to the PCC" --owner "Alice Chair" --due 2022-12-31
    expect_ok --as-of 2021-07-02 action add grp/2021-07-01 "Refer to the board" --owner "Bob Member" --refer-to other

    expect_ok meeting new other --date 2021-08-01
    expect_ok meeting held other/2021-08-01
    expect_ok --as-of 2021-08-02 action add other/2021-08-01 "Board asks the group" --owner "Alice Chair" --refer-to grp
    expect_ok --as-of 2021-08-01 action update GRP-2020-001 --status done

    expect_ok meeting new sub --date 2021-09-01 --private
    expect_ok agenda add sub/2021-09-01 "Performance"
    expect_ok meeting held sub/2021-09-01
    expect_ok minutes draft sub/2021-09-01
    expect_ok minutes attend sub/2021-09-01 "Frank Perf" --present
    expect_ok minutes attend sub/2021-09-01 "Alice Chair" --apologies
    printf 'SECRET-PRIVATE figures.\n\nRESOLVED:\n\n1. That SECRET-PRIVATE be noted.\n' >"$t"
    minute_text sub/2021-09-01/minutes.md "$(minute_of sub/2021-09-01 Performance)" "$t"
    expect_ok minutes draft sub/2021-09-01

    expect_ok meeting new grp --date 2021-10-01
    expect_ok agenda add grp/2021-10-01 "Contract" --exempt 3
    expect_ok meeting held grp/2021-10-01
    expect_ok minutes draft grp/2021-10-01
    expect_ok minutes attend grp/2021-10-01 "Alice Chair" --present
    expect_ok minutes attend grp/2021-10-01 "Carol Police" --present
    expect_ok minutes attend grp/2021-10-01 "Bob Member" --apologies
    expect_ok minutes attend grp/2021-10-01 "Eve Sub" --present --substitute-for "Bob Member"
    cat >"$t" <<'TXT'
SECRET-MINUTE contract terms.

RESOLVED:

1. That SECRET-MINUTE be accepted.

- [ ] ACTION: SECRET-ACTION negotiate @{Bob Member} due:2021-11-30
TXT
    minute_text grp/2021-10-01/minutes.md "$(minute_of grp/2021-10-01 Contract)" "$t"
    expect_ok minutes draft grp/2021-10-01
    expect_ok --as-of 2021-11-01 action add --committee grp "Quarterly return" --owner "Hart DC" \
        --due 2022-01-31 --return
    expect_ok --as-of 2021-12-01 action update GRP-2021-004 --status done

    expect_ok meeting new grp --date 2022-01-10
    expect_ok meeting cancel grp/2022-01-10 --reason "No business"
    expect_ok meeting new other --date 2022-02-01
    expect_ok meeting new grp --date 2022-03-01
    expect_ok meeting held grp/2022-03-01
    expect_ok --as-of 2022-08-01 action update GRP-2021-003 --status done
}

# expect_section FILE HEADING <<EOF: that section of a drafted report is exactly this.
expect_section() {
    cat >"$TEST_TMP/.expected"
    if report_section "$1" "$2" >"$TEST_TMP/.section" 2>&1; then
        _expect_text "$TEST_TMP/.section" "$TEST_TMP/.expected" "section '$2'"
    else
        fail "$(cat "$TEST_TMP/.section")"
    fi
}
