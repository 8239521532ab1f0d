#!/usr/bin/env bash
# Symbolic links, FIFOs and sockets at record paths are never opened for
# reading: a FIFO in place of a record used to block `check` and `meeting
# list` for ever.  `check` names every such entry (rule filetype), in the
# work tree and in a commit; a file given on the command line (--report,
# calendar import) that is not a regular file is refused before it is opened.
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Test Council"
expect_ok committee add cds --name "Crime and Disorder Scrutiny"
expect_ok meeting new cds --date 2021-06-14
M=cds/2021-06-14

section "a FIFO in place of minutes.md does not hang check or meeting list"
mkfifo $M/minutes.md
expect_in_time 1 check --as-of 2021-06-01
out_has "$M/minutes.md:0: [filetype] a FIFO, not a regular file: govern never reads it"
expect_in_time 0 meeting list
out_has "$M"
expect_in_time 1 minutes show $M
err_has "$M/minutes.md: is a FIFO, not a regular file (refused)"
rm $M/minutes.md

section "a FIFO in place of committee.md"
mv cds/committee.md "$TEST_TMP/committee.md"
mkfifo cds/committee.md
expect_in_time 1 check --as-of 2021-06-01
out_has "cds/committee.md:0: [filetype] a FIFO"
expect_in_time 1 meeting list
err_has "cds/committee.md: is a FIFO, not a regular file (refused)"
expect_in_time 1 committee show cds
rm cds/committee.md
mv "$TEST_TMP/committee.md" cds/committee.md

section "a socket in a meeting directory is reported"
python3 -c 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' $M/notes.sock
expect_in_time 1 check --as-of 2021-06-01
out_has "$M/notes.sock:0: [filetype] a socket"
rm $M/notes.sock

section "a committed symbolic link is reported in the work tree and in the commit"
echo "OUTSIDE-SECRET-7f7f" >"$TEST_TMP/outside.md"
ln -s "$TEST_TMP/outside.md" $M/extra.md
git_commit_all "a link"
expect_in_time 1 check --as-of 2021-06-01
out_has "$M/extra.md:0: [filetype] a symbolic link"
out_lacks "OUTSIDE-SECRET"
expect_in_time 1 --rev HEAD check --as-of 2021-06-01
out_has "$M/extra.md:0: [filetype] a symbolic link"
git rm -q $M/extra.md && git commit -q -m "no link"
expect_in_time 0 check --as-of 2021-06-01

section "files named on the command line must be regular files"
mkfifo "$TEST_TMP/report.fifo"
snapshot_repo .
expect_in_time 1 agenda add $M "Item" --report "$TEST_TMP/report.fifo"
err_has "--report $TEST_TMP/report.fifo: a FIFO, not a regular file (refused)"
assert_repo_unchanged .
expect_in_time 1 calendar import "$TEST_TMP/report.fifo" --committee cds
err_has "a FIFO, not a regular file (refused)"
assert_repo_unchanged .

finish
