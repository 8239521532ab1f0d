#!/usr/bin/env bash
# What `meeting new` writes passes `govern check`: two meetings of a
# committee on the same day (10:00, then 14:00 as -2) agree on whether the
# second agenda needs a "minutes of the previous meeting" item.  meeting new
# counts only meetings on an earlier date as previous; check must use the
# same rule (or meeting new must add the item).
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store"
expect_ok committee add cds --name "Crime and Disorder Scrutiny"
expect_ok meeting new cds --date 2021-06-14 --time 10:00
expect_ok meeting new cds --date 2021-06-14 --time 14:00
expect_stdout <<'EOF'
cds/2021-06-14-2
EOF
expect_ok check --as-of 2021-01-01
expect_stdout </dev/null
# and the same the other way round: the later meeting created first
expect_ok meeting new cds --date 2021-07-12 --time 14:00
expect_ok meeting new cds --date 2021-07-12 --time 10:00
expect_ok check --as-of 2021-01-01
expect_stdout </dev/null

finish
