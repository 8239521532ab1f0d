#!/usr/bin/env bash
# Bad input to govern minutes: a clear message (naming the file and line
# where there is one), a non-zero exit, and nothing changed.
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Hart District Council"
expect_ok committee add cdjsc --name "CDJSC"
expect_ok member add cdjsc "Cllr A"
expect_ok meeting new cdjsc --date 2019-12-16
expect_ok meeting new cdjsc --date 2020-02-10
M=cdjsc/2019-12-16
F=$M/minutes.md

section "unknown meetings and committees, invalid ids and dates"
expect_refused 1 minutes draft cdjsc/2019-12-17
err_has "unknown meeting 'cdjsc/2019-12-17'"
expect_refused 1 minutes draft nosuch/2019-12-16
err_has "unknown committee 'nosuch'"
expect_refused 1 minutes draft cdjsc/2021-02-30
err_has "2021-02-30"
expect_refused 1 minutes draft ../etc/passwd
expect_refused 1 minutes show cdjsc/2021-02-30
expect_refused 2 minutes draft
expect_refused 2 minutes frobnicate $M
expect_refused 1 minutes show $M
err_has "meeting '$M' has no minutes"

expect_ok minutes draft $M
section "attend, declare, add, approve"
expect_refused 2 minutes attend $M "Cllr A"
expect_refused 2 minutes attend $M "" --present
expect_refused 1 minutes attend $M "$(printf 'Two\nlines')" --present
expect_refused 2 minutes attend $M "Cllr B" --apologies --substitute-for "Cllr A"
expect_refused 2 minutes declare $M --member "Cllr A" --minute 1
expect_refused 1 minutes declare $M --member "Cllr A" --minute 1 --kind financial
err_has "--kind: invalid kind 'financial' (pecuniary, other-registrable or non-registrable)"
expect_refused 2 minutes declare $M --member "Cllr A" --minute 1/19 --kind pecuniary
err_has "--minute must be a minute number N"
expect_refused 2 minutes add $M
expect_refused 2 minutes approve $M
expect_refused 1 minutes approve $M --at cdjsc/2020-02-30
err_has "--at"
expect_ok agenda remove cdjsc/2020-02-10 4
expect_ok meeting held cdjsc/2020-02-10 --as-of 2020-02-10
expect_ok minutes attend $M "Cllr A" --present
expect_refused 1 minutes approve $M --at cdjsc/2020-02-10
err_has "cdjsc/2020-02-10/agenda.md has no free 'minutes' item"

section "a malformed minutes.md in the work tree"
cp $F "$TEST_TMP/good"
sed -i 's/^year: 2019$/year: 2019\nvenue: Deanes/' $F
expect_refused 1 minutes draft $M
err_has "govern: $F:5: unknown field 'venue'"
cp "$TEST_TMP/good" $F
sed -i 's/^status: draft$/status: [draft/' $F
expect_refused 1 minutes draft $M
err_has "govern: $F:"
cp "$TEST_TMP/good" $F
printf -- '---\nmeeting: %s\nyear: 2019\n' "$M" >$F
expect_refused 1 minutes draft $M
err_has "govern: $F:1:"
printf -- '---\nmeeting: %s\nstatus: approved\nyear: 2019\napproved:\n  at: cdjsc/2020-02-10\n  date: 2020-02-10\n---\n' "$M" >$F
expect_refused 1 minutes draft $M
err_has "govern: $F:3: status approved is set only by 'govern minutes approve'"
printf -- '---\nmeeting: %s\nyear: 2019\ndeclarations:\n- member: Cllr A\n  minute: 1\n  kind: bogus\n---\n' "$M" >$F
expect_refused 1 minutes draft $M
err_has "govern: $F:7: invalid kind 'bogus'"
printf -- '---\nmeeting: %s\nyear: 2019\n---\n\xff\xfe\n' "$M" >$F
expect_refused 1 minutes draft $M
err_has "$F:5:"
cp "$TEST_TMP/good" $F
# a committed file that does not parse is reported by check, and blocks other writes
sed -i 's/^year: 2019$/year: 19/' $F
git_commit_all "Broken by hand"
expect_fail 1 check --as-of 2020-01-01
out_has "$F:4: [parse] field 'year' must be a whole number from 1900 to 2999, not '19'"
expect_refused 1 minutes attend $M "Cllr A" --present
err_has "$F:4:"

finish
