# A store in which every exempt or private field a clerk can write holds its
# own sentinel ("LEAK-..."), for the public-output tests (sourced after
# lib.sh).  Public content carries "OPEN-..." markers, so an output that
# prints nothing cannot pass for a safe one.
#
#   grp/2021-07-01  published; items: open, exempt 3 (purpose, text, report,
#                   urgency, cycle), exempt 1 whose minute lacks its exempt:
#                   line, and hand-written exempt: 8, "3" and true; meeting
#                   notes; actions raised in each minute
#   grp/2021-08-01  minutes with `exempt: 8` (do not parse)
#   grp/2021-09-01  minutes with `status: drafty` (do not parse)
#   grp/2021-10-01  minutes with `exempt: true` (do not parse)
#   grp/2021-10-15  a minute with `exempt: "3"`
#   grp/2021-10-20  minutes.md a symbolic link
#   grp/2021-11-01  an agenda never published
#   panel/2021-07-05 held in private
#   cabinet/2021-12-07 the cycle report's committed draft; grp/2021-12-01 the
#                   next agenda with its Action log
#   decisions: exempt, taken at the private meeting, unpublished, open with
#                   the clerk's notes
#   forward-plan: a private entry, one of the private meeting, a draft, an
#                   open one with the clerk's notes
#   risks: GRP-R-001 exempt (text, owner, counter, state, progress), GRP-R-002
#                   open

# pub_edit FILE OP TITLE [ARG]: text (add ARG under the minute's heading),
# exempt (set the minute's exempt: line to ARG, or remove it when ARG is
# empty), status (the minutes' status: TITLE), item (append an agenda item
# written by hand: TITLE, with ARG the raw exempt value and sentinels).
pub_edit() {
    python3 - "$@" <<'PY'
import re, sys
path, op, title = sys.argv[1:4]
arg = sys.argv[4] if len(sys.argv) > 4 else ""
lines = open(path, encoding="utf-8").read().split("\n")
if op == "text":
    for i, l in enumerate(lines):
        if re.match(r"## \d+/\d+ " + re.escape(title) + "$", l):
            lines[i + 1:i + 1] = ["", arg]
            break
    else:
        sys.exit("no heading " + title)
elif op == "exempt":
    for i, l in enumerate(lines):
        if l == "  title: " + title and lines[i - 1].startswith("- number:"):
            k = i + 1
            while k < len(lines) and lines[k].startswith("  "):
                if lines[k].startswith("  exempt:"):
                    del lines[k]
                    continue
                k += 1
            if arg:
                lines.insert(i + 1, "  exempt: " + arg)
            break
    else:
        sys.exit("no minute " + title)
elif op == "status":
    lines = [("status: " + title if l.startswith("status: ") else l) for l in lines]
elif op == "item":
    end = lines.index("---", 1)
    tag = re.sub(r"[^A-Z0-9]", "", title.upper())
    lines[end:end] = ["- title: " + title, "  purpose: LEAK-AG-PURPOSE-" + tag,
                      "  text: LEAK-AG-TEXT-" + tag, "  exempt: " + arg]
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
}

# pub_minuted ID TITLE TEXT [--exempt N]: a published meeting with one item,
# held, its minute's text TEXT (ACTION lines are registered).
pub_minuted() {
    local id=$1 title=$2 text=$3 slug=${1%%/*} date=${1#*/}
    shift 3
    expect_ok meeting new "$slug" --date "$date"
    expect_ok agenda add "$id" "$title" "$@"
    expect_ok agenda publish "$id" --date "$(date -d "$date - 7 days" +%F)"
    expect_ok meeting held "$id"
    expect_ok minutes draft "$id"
    pub_edit "$id/minutes.md" text "$title" "$text"
    expect_ok minutes draft "$id"
}

pub_action() { # TAG: an ACTION line whose text and owner are sentinels
    printf -- '- [ ] ACTION: LEAK-ACT-%s-TEXT do it @{LEAK-ACT-%s-OWNER} due:2022-03-31' "$1" "$1"
}

setup_public_store() {
    new_store "$TEST_TMP/store" --body "Test Council"
    expect_ok committee add grp --name "Strategy Group" --short-name GRP
    expect_ok committee add panel --name "Conduct Panel" --short-name CP
    expect_ok committee add cabinet --name Cabinet --kind executive
    expect_ok member add grp "Alice Chair" --role chair --from 2020-01-01
    expect_ok cycle add rep --name "Strategy Group annual report" --owner grp --to cabinet \
        --period annual --due 12-01 --since 2020

    # --- grp/2021-07-01: every source of exemption in one meeting
    local A=grp/2021-07-01
    printf '# Tender\n\nLEAK-AG-REPORT prices.\n' >"$TEST_TMP/tender.md"
    expect_ok meeting new grp --date 2021-07-01
    expect_ok agenda add $A "Open plan" --purpose "OPEN-PURPOSE-0a0a"
    expect_ok agenda add $A "Contract" --exempt 3 --purpose "LEAK-AG-PURPOSE-3" \
        --report "$TEST_TMP/tender.md" --urgent "LEAK-AG-URGENT" --fulfils leak-ag-fulfils
    expect_ok agenda add $A "Staffing" --exempt 1 --purpose "LEAK-AG-PURPOSE-1"
    expect_ok agenda publish $A --date 2021-06-20
    expect_ok meeting held $A
    expect_ok minutes draft $A
    pub_edit $A/minutes.md text "Open plan" "OPEN-MINUTE-1b1b
$(printf -- '- [ ] ACTION: OPEN-ACTION-2c2c @{OPEN-OWNER-3d3d} due:2022-03-31')"
    pub_edit $A/minutes.md text "Contract" "LEAK-MIN-CONTRACT
$(pub_action CONTRACT)"
    pub_edit $A/minutes.md text "Staffing" "LEAK-MIN-NOLINE
$(pub_action NOLINE)"
    expect_ok minutes draft $A
    # by hand: the Staffing minute loses its exempt line, odd paragraphs on
    # the agenda, a minute under each (no exempt line), meeting notes
    pub_edit $A/minutes.md exempt "Staffing" ""
    local t
    for t in "Odd eight:8" "Odd quoted:\"3\"" "Odd true:true"; do
        pub_edit $A/agenda.md item "${t%%:*}" "${t#*:}"
    done
    python3 - $A/minutes.md <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
head, body = s.split("\n---\n", 1)
nums = [int(n) for n in re.findall(r"^- number: (\d+)$", head, re.M)]
yy = re.search(r"^year: (\d+)$", head, re.M).group(1)[2:]
n, items, secs = max(nums), [], []
for k, (title, tag) in enumerate([("Odd eight", "ODD8"), ("Odd quoted", "ODDQ"), ("Odd true", "ODDTRUE")]):
    n += 1
    items.append("- number: %d\n  title: %s\n  agenda_item: %d" % (n, title, 4 + k + 100))
    secs.append("## %d/%s %s\n\nLEAK-MIN-%s\n" % (n, yy, title, tag))
open(p, "w", encoding="utf-8").write(head + "\n" + "\n".join(items) + "\n---\n" + body.rstrip("\n") + "\n\n" + "\n".join(secs))
PY
    # the agenda numbers of the odd items (the agenda's last three)
    local na
    na=$(grep -c '^- title: ' $A/agenda.md)
    sed -i "s/^  agenda_item: 104$/  agenda_item: $((na - 2))/; s/^  agenda_item: 105$/  agenda_item: $((na - 1))/; s/^  agenda_item: 106$/  agenda_item: $na/" $A/minutes.md
    printf '\nLEAK-MEETING-NOTES the clerk only.\n' >>$A/meeting.md
    git_commit_all "Hand edits"

    # --- minutes that do not parse, or an odd paragraph, one meeting each
    pub_minuted grp/2021-08-01 "Eight" "LEAK-MIN-EIGHT
$(pub_action EIGHT)" --exempt 2
    pub_edit grp/2021-08-01/minutes.md exempt "Eight" 8
    pub_minuted grp/2021-09-01 "Drafty" "LEAK-MIN-DRAFTY
$(pub_action DRAFTY)" --exempt 2
    pub_edit grp/2021-09-01/minutes.md status drafty
    pub_minuted grp/2021-10-01 "Truth" "LEAK-MIN-TRUE
$(pub_action TRUE)" --exempt 2
    pub_edit grp/2021-10-01/minutes.md exempt "Truth" true
    pub_minuted grp/2021-10-15 "Quoted" "LEAK-MIN-QUOTED
$(pub_action QUOTED)"
    pub_edit grp/2021-10-15/minutes.md exempt "Quoted" '"3"'
    # it parses: committed alone, before the next meeting reads it
    git add grp/2021-10-15/minutes.md && git commit -qm "Quoted paragraph"
    pub_minuted grp/2021-10-20 "Linked" "LEAK-MIN-LINKED
$(pub_action LINKED)" --exempt 4
    mv grp/2021-10-20/minutes.md grp/2021-10-20/real-minutes.txt
    ln -s real-minutes.txt grp/2021-10-20/minutes.md
    git_commit_all "Odd minutes by hand"

    # --- a meeting held in private, and a draft agenda
    expect_ok meeting new panel --date 2021-07-05 --private
    expect_ok agenda add panel/2021-07-05 "Complaint" --purpose "LEAK-PRIV-PURPOSE"
    expect_ok agenda publish panel/2021-07-05 --date 2021-06-01
    expect_ok meeting held panel/2021-07-05
    expect_ok minutes draft panel/2021-07-05
    pub_edit panel/2021-07-05/minutes.md text "Complaint" "LEAK-PRIV-MINUTE
$(pub_action PRIVATE)"
    expect_ok minutes draft panel/2021-07-05
    expect_ok meeting new grp --date 2021-11-01
    expect_ok agenda add grp/2021-11-01 "Draft item" --purpose "LEAK-DRAFT-PURPOSE"

    # --- decisions
    expect_ok decision new --maker cabinet --date 2021-07-10 --title "Exempt decision" \
        --part "LEAK-DEC-EXEMPT-PART" --reasons "LEAK-DEC-EXEMPT-REASONS" --exempt 3 \
        --notes "LEAK-DEC-NOTES-1" --slug exempt-decision
    expect_ok decision publish 2021-07-10-exempt-decision --date 2021-07-12
    expect_ok decision new --maker panel --date 2021-07-05 --title "Private decision" \
        --meeting panel/2021-07-05 --part "LEAK-DEC-PRIV-PART" --reasons "LEAK-DEC-PRIV-REASONS" \
        --slug private-decision
    expect_ok decision publish 2021-07-05-private-decision --date 2021-07-12
    expect_ok decision new --maker cabinet --date 2021-08-10 --title "Draft decision" \
        --part "LEAK-DEC-DRAFT-PART" --slug draft-decision
    expect_ok decision new --maker cabinet --date 2021-09-10 --title "Open decision" \
        --part "OPEN-DECISION-4e4e" --notes "LEAK-DEC-NOTES-2" --slug open-decision
    expect_ok decision publish 2021-09-10-open-decision --date 2021-09-12

    # --- the Forward Plan: private, of the private meeting, a draft, open
    expect_ok --as-of 2022-06-01 forward-plan add --title "Private plan" --maker cabinet \
        --date 2022-08-10 --private 3 --private-reason "LEAK-FP-REASON" \
        --description "LEAK-FP-DESC" --documents "LEAK-FP-DOCS" --notes "LEAK-FP-NOTES-1" \
        --id 2022-08-10-private-plan
    expect_ok forward-plan publish 2022-08-10-private-plan --date 2022-06-01
    expect_ok --as-of 2021-06-01 forward-plan add --title "Panel plan" --maker panel \
        --meeting panel/2021-07-05 --description "LEAK-FP-PRIVMEET-DESC" --id 2021-07-05-panel-plan
    expect_ok forward-plan publish 2021-07-05-panel-plan --date 2021-06-01
    expect_ok --as-of 2022-06-01 forward-plan add --title "Draft plan" --maker cabinet \
        --date 2022-09-10 --description "LEAK-FP-DRAFT-DESC" --id 2022-09-10-draft-plan
    expect_ok --as-of 2022-06-01 forward-plan add --title "Open plan" --maker cabinet \
        --date 2022-08-20 --description "OPEN-FP-DESC-6a6a" --notes "LEAK-FP-NOTES-2" \
        --id 2022-08-20-open-plan
    expect_ok forward-plan publish 2022-08-20-open-plan --date 2022-06-01

    # --- the risk log: an exempt risk, updated, and an open one
    expect_ok --as-of 2021-07-01 risk add grp "LEAK-RISK-TEXT of a named officer" --impact H \
        --probability H --exempt 1 --owner "LEAK-RISK-OWNER" --counter "LEAK-RISK-COUNTER" \
        --state "LEAK-RISK-STATE"
    expect_ok --as-of 2021-07-02 risk update GRP-R-001 --progress "LEAK-RISK-PROGRESS" \
        --state "LEAK-RISK-STATE-2"
    expect_ok --as-of 2021-07-01 risk add grp "OPEN-RISK-5f5f partners disengage" --impact M \
        --probability L --owner "OPEN-RISK-OWNER"

    # --- the cycle report's committed draft, the next agenda's Action log
    # and Risk log
    expect_ok meeting new cabinet --date 2021-12-07
    expect_ok --as-of 2021-11-20 cycle report rep --period 2021 --meeting cabinet/2021-12-07 --commit
    expect_ok agenda publish cabinet/2021-12-07 --date 2021-11-30
    expect_ok --as-of 2021-11-20 meeting new grp --date 2021-12-01
    expect_ok agenda publish grp/2021-12-01 --date 2021-11-24
}

# Every sentinel written above.
PUBLIC_SENTINELS=(LEAK-AG-PURPOSE-3 LEAK-AG-PURPOSE-1 LEAK-AG-REPORT LEAK-AG-URGENT leak-ag-fulfils
    LEAK-AG-PURPOSE-ODDEIGHT LEAK-AG-TEXT-ODDEIGHT LEAK-AG-PURPOSE-ODDQUOTED LEAK-AG-TEXT-ODDQUOTED
    LEAK-AG-PURPOSE-ODDTRUE LEAK-AG-TEXT-ODDTRUE LEAK-MIN-CONTRACT LEAK-MIN-NOLINE LEAK-MIN-ODD8
    LEAK-MIN-ODDQ LEAK-MIN-ODDTRUE LEAK-MEETING-NOTES LEAK-MIN-EIGHT LEAK-MIN-DRAFTY LEAK-MIN-TRUE
    LEAK-MIN-QUOTED LEAK-MIN-LINKED LEAK-PRIV-PURPOSE LEAK-PRIV-MINUTE LEAK-DRAFT-PURPOSE
    LEAK-DEC-EXEMPT-PART LEAK-DEC-EXEMPT-REASONS LEAK-DEC-NOTES-1 LEAK-DEC-PRIV-PART
    LEAK-DEC-PRIV-REASONS LEAK-DEC-DRAFT-PART LEAK-DEC-NOTES-2 LEAK-RISK-TEXT LEAK-RISK-OWNER
    LEAK-RISK-COUNTER LEAK-RISK-STATE LEAK-RISK-PROGRESS LEAK-FP-REASON LEAK-FP-DESC LEAK-FP-DOCS
    LEAK-FP-NOTES-1 LEAK-FP-PRIVMEET-DESC LEAK-FP-DRAFT-DESC LEAK-FP-NOTES-2)
for t in CONTRACT NOLINE EIGHT DRAFTY TRUE QUOTED LINKED PRIVATE; do
    PUBLIC_SENTINELS+=("LEAK-ACT-$t-TEXT" "LEAK-ACT-$t-OWNER")
done
