#!/usr/bin/env bash
# Bulk entry (issue 15 item 3): attendance of a whole meeting in one command
# and one commit (lists, --all-members), organisation and role beside each
# name in the minutes as seed 004 prints them, several agenda items and
# several actions from one file, each command one commit; bad input refused
# whole, with nothing written.
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Basingstoke and Deane Borough Council"
export GOVERN_COMMIT_TIME=1576500000
expect_ok committee add cdjsc --name "Crime and Disorder Joint Scrutiny Committee" --quorum 3 --short-name CDJSC
expect_ok member add cdjsc "Councillor P Miller" --role chair --organisation "Basingstoke and Deane BC"
expect_ok member add cdjsc "Councillor R Gardiner" --organisation "Basingstoke and Deane BC"
expect_ok member add cdjsc "Councillor S Forster" --organisation "Hart DC"
expect_ok member add cdjsc "Councillor A Crawford" --organisation "Rushmoor BC"
expect_ok member add cdjsc "Councillor P Collings" --organisation "Hart DC"
expect_ok member add cdjsc "Carrie Ryan" --role officer --organisation "Safer North Hampshire"
expect_ok meeting new cdjsc --date 2019-12-16 --time 18:30
M=cdjsc/2019-12-16

section "agenda add --from FILE: several items, one commit"
cat >items.yaml <<'YAML'
items:
- title: Performance review of Safer North Hampshire Strategic Community Safety Partnership 2018-19
  purpose: This report presents an overview of the performance of the partnership.
  pages: 9-52
  fulfils: snh-csp-review
- title: Contract for CCTV maintenance
  exempt: 3
  purpose: To agree the contract.
YAML
before=$(commit_count)
expect_ok agenda add $M --from items.yaml
out_has "Add items 5 to 6 to the agenda of $M (2 items)"
assert_eq "$(commit_count)" "$((before + 1))" "one commit"
# the public form is of a published agenda
expect_ok agenda publish $M --date 2019-12-06
expect_ok agenda show $M --public
out_has "### 5. Performance review of Safer North Hampshire Strategic Community Safety Partnership 2018-19 (Pages 9 - 52)"
out_has "### 6. Contract for CCTV maintenance"
out_lacks "To agree the contract."
cat >items2.yaml <<'YAML'
items:
- title: Urgent item
  urgent: The contract ends on Friday
YAML
expect_ok agenda add $M --from items2.yaml --position 5
expect_ok agenda show $M --format json
json_expect 'j["items"][4]["title"] == "Urgent item" and j["items"][5]["pages"] == "9-52"'
expect_ok agenda remove $M 5

section "agenda add --from refuses a bad file whole"
printf 'items:\n- title: Good\n- title: Bad\n  exempt: 9\n' >bad1.yaml
expect_refused 1 agenda add $M --from bad1.yaml
err_has "bad1.yaml:4"
printf 'items:\n- title: Good\n  pages: 9-1\n' >bad2.yaml
expect_refused 1 agenda add $M --from bad2.yaml
err_has "bad2.yaml:3"
printf 'items:\n- title: Good\n  report: ../../etc/passwd\n' >bad3.yaml
expect_refused 1 agenda add $M --from bad3.yaml
printf 'items:\n- title: Good\n  source: actions\n' >bad4.yaml
expect_refused 1 agenda add $M --from bad4.yaml
err_has "field 'source' cannot be given here"
printf 'itemz:\n- title: Good\n' >bad5.yaml
expect_refused 1 agenda add $M --from bad5.yaml
printf 'items: []\n' >bad6.yaml
expect_refused 1 agenda add $M --from bad6.yaml
printf 'items:\n- title: \377\n' >bad7.yaml
expect_refused 1 agenda add $M --from bad7.yaml
expect_refused 1 agenda add $M --from missing.yaml
expect_refused 2 agenda add $M --from items.yaml --purpose X

section "minutes attend: the whole attendance in one command"
expect_ok meeting held $M
expect_ok minutes draft $M
before=$(commit_count)
expect_ok minutes attend $M --all-members --apologies "Councillor P Collings" \
    --also-present "Carrie Ryan, James Knight"
out_has "attendance of 7 people"
assert_eq "$(commit_count)" "$((before + 1))" "one commit"
expect_ok minutes show $M --format json
json_expect '[p["name"] for p in j["present"]] == ["Councillor P Miller", "Councillor R Gardiner", "Councillor S Forster", "Councillor A Crawford"]'
json_expect '[p["name"] for p in j["apologies"]] == ["Councillor P Collings"]'
json_expect '[p["name"] for p in j["also_present"]] == ["Carrie Ryan", "James Knight"]'
json_expect 'j["present"][0]["organisation"] == "Basingstoke and Deane BC" and j["present"][0]["role"] == "chair"'
json_expect 'j["also_present"][1]["organisation"] is None'
expect_ok check --as-of 2019-12-20

section "organisation and role beside each name, as seed 004 prints them"
expect_ok minutes attend $M "James Knight" --also-present --title "Community Safety Team Leader, Safer North Hampshire"
expect_ok minutes show $M
out_has "**Present:** Councillor P Miller (Chair, Basingstoke and Deane BC); Councillor R Gardiner (Basingstoke and Deane BC); Councillor S Forster (Hart DC); Councillor A Crawford (Rushmoor BC)"
out_has "**Apologies:** Councillor P Collings (Hart DC)"
out_has "**Also present:** Carrie Ryan (Officer, Safer North Hampshire); James Knight (Community Safety Team Leader, Safer North Hampshire)"
expect_ok minutes show $M --public
out_has "Councillor S Forster (Hart DC)"

section "lists move people between lists; the one-person form still works"
expect_ok minutes attend $M --absent "Councillor A Crawford" --present "Councillor P Collings"
expect_ok minutes show $M --format json
json_expect '[p["name"] for p in j["absent"]] == ["Councillor A Crawford"] and "Councillor P Collings" in [p["name"] for p in j["present"]]'
expect_ok minutes attend $M "Councillor Q Sub" --present --substitute-for "Councillor A Crawford"
expect_ok minutes attend $M --present "Someone Else"
err_has "warning: Someone Else is not a member of cdjsc serving on 2019-12-16"

section "minutes attend refuses bad lists with nothing written"
expect_refused 2 minutes attend $M --present "A,,B"
err_has "an empty name"
expect_refused 2 minutes attend $M --present "A" --apologies "A"
err_has "A is named twice"
expect_refused 2 minutes attend $M --present "A,B" --title "Officer"
expect_refused 2 minutes attend $M
expect_refused 2 minutes attend $M "Somebody" --present --apologies
expect_refused 1 minutes attend $M --present "$(printf 'A\nB')"
expect_refused 1 minutes attend $M --present "$(printf '\377')"
expect_refused 1 minutes attend $M --all-members
err_has "nobody to record"

section "action add --from FILE: several actions, one commit"
cat >actions.yaml <<'YAML'
actions:
- text: Return the partner proforma for 2019-20
  owner: Hampshire County Council
  due: 2020-09-11
  item: 6
  return: true
- text: Circulate the list of agencies on the operational group
  owner: Safer North Hampshire CSP
  due: 2020-03-31
YAML
before=$(commit_count)
expect_ok action add $M --from actions.yaml
expect_stdout <<'OUT'
CDJSC-2019-001
CDJSC-2019-002
OUT
assert_eq "$(commit_count)" "$((before + 1))" "one commit"
assert_eq "$(git log -1 --format=%s)" "Add actions CDJSC-2019-001 to CDJSC-2019-002 (2 actions)" "message"
expect_ok actions --format json --status all
json_expect 'len(j["actions"]) == 2'
expect_ok action show CDJSC-2019-001 --format json
json_expect 'j["kind"] == "return" and j["owner"] == "Hampshire County Council"'
cat >acts-c.yaml <<'YAML'
actions:
- text: Review the terms of reference
  owner: Democratic Services
YAML
expect_ok action add --committee cdjsc --from acts-c.yaml

section "action add --from refuses a bad file whole"
printf 'actions:\n- text: Good\n  owner: A\n- text: Bad\n  owner: B\n  due: 2020-02-30\n' >bad-a1.yaml
expect_refused 1 action add $M --from bad-a1.yaml
err_has "bad-a1.yaml:6"
printf 'actions:\n- text: No owner\n' >bad-a2.yaml
expect_refused 1 action add $M --from bad-a2.yaml
err_has "bad-a2.yaml:2"
printf 'actions:\n- text: X\n  owner: Y\n  refer_to: [nowhere]\n' >bad-a3.yaml
expect_refused 1 action add $M --from bad-a3.yaml
printf 'actions:\n- text: X\n  owner: Y\n  colour: red\n' >bad-a4.yaml
expect_refused 1 action add $M --from bad-a4.yaml
printf 'actions:\n- text: X\n  owner: Y\n  item: 2\n' >bad-a5.yaml
expect_refused 2 action add --committee cdjsc --from bad-a5.yaml
expect_refused 2 action add $M --from actions.yaml --owner X
expect_refused 1 action add $M --from missing.yaml

finish
