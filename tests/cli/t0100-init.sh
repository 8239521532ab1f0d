#!/usr/bin/env bash
# govern init: a new directory, adopting a repository with history, a store in
# a subdirectory of a larger repository (-C, nested working directories),
# refusing to initialise twice, and bad options.
. "$(dirname "$0")/lib.sh"

cd "$TEST_TMP" || exit 1

section "init in a new directory creates the repository and one commit"
expect_ok init fresh --body "Hart District Council"
out_has "Initialised the governance store of Hart District Council in $TEST_TMP/fresh"
assert_file_exists fresh/.git
assert_file_exists fresh/govern.yaml
assert_eq "$(git -C fresh rev-list --count HEAD)" 1 "commits after init"
assert_eq "$(git -C fresh ls-files)" "govern.yaml" "tracked files after init"
assert_clean_worktree fresh
assert_eq "$(git -C fresh log -1 --format=%an/%ae)" "Test Clerk/clerk@example.org" "author"
cat >"$TEST_TMP/expected.yaml" <<'EOF'
format: 1
body: Hart District Council
timezone: Europe/London
year_start: 05-01
notice_days: 5
notice_counting: s243
call_in_days: 5
EOF
_expect_text fresh/govern.yaml "$TEST_TMP/expected.yaml" "govern.yaml"
at fresh expect_ok check --as-of 2021-01-01
at fresh expect_ok committee list

section "init with options writes them"
expect_ok init opts --body "Rushmoor" --timezone Europe/London --year-start 04-01 \
    --notice-days 7 --notice-counting working
file_has opts/govern.yaml "year_start: 04-01"
file_has opts/govern.yaml "notice_days: 7"
file_has opts/govern.yaml "notice_counting: working"

section "init adopts an existing repository, keeping its history"
mkdir adopt && git -C adopt init -q && echo "# Minutes archive" >adopt/README.md &&
    git -C adopt add README.md && git -C adopt commit -q -m "Existing history" || exit 1
old_head=$(git -C adopt rev-parse HEAD)
at adopt expect_ok init --body "Basingstoke and Deane"
assert_eq "$(git -C adopt rev-list --count HEAD)" 2 "commits after adopting"
assert_eq "$(git -C adopt rev-parse HEAD~1)" "$old_head" "the old head is the parent"
assert_eq "$(git -C adopt show HEAD:README.md)" "# Minutes archive" "existing files kept"
assert_clean_worktree adopt
assert_eq "$(git -C adopt symbolic-ref HEAD)" "refs/heads/main" "still on the same branch"

section "init refuses a directory that is already a store"
cd adopt || exit 1
expect_refused 1 init
err_has "already a governance store"
expect_refused 1 init . --body Other
cd "$TEST_TMP" || exit 1
at fresh expect_refused 1 init
snapshot_repo fresh
expect_fail 1 init fresh
expect_message
assert_repo_unchanged fresh

section "a store in a subdirectory of a larger repository"
mkdir big && git -C big init -q && mkdir -p big/src big/meetings/archive/2019 &&
    echo 'int main(void){return 0;}' >big/src/main.c &&
    echo keep >big/meetings/archive/2019/.keep &&
    git -C big add -A && git -C big commit -q -m "Project" || exit 1
expect_ok -C big init meetings --body "Project governance"
assert_eq "$(git -C big ls-files meetings/govern.yaml)" "meetings/govern.yaml" "config path"
assert_eq "$(git -C big rev-list --count HEAD)" 2 "commits in the larger repository"
assert_clean_worktree big
# -C into the store
expect_ok -C big/meetings committee add board --name "Project Board"
assert_file_exists big/meetings/board/committee.md
assert_eq "$(git -C big ls-files meetings/board)" "meetings/board/committee.md" "committee path"
# from a nested working directory inside the store
at big/meetings/archive/2019 expect_ok member add board "Dana Diaz" --role chair
at big/meetings/board expect_ok meeting new board --date 2021-09-06
expect_stdout <<'EOF'
board/2021-09-06
EOF
assert_file_exists big/meetings/board/2021-09-06/agenda.md
at big/meetings/archive expect_ok committee list
out_has "Project Board"
expect_ok -C big/meetings/archive/2019 meeting list
out_has "board/2021-09-06"
assert_clean_worktree big
assert_eq "$(git -C big show HEAD:src/main.c)" 'int main(void){return 0;}' "other files untouched"
# the top of the larger repository is not a store
cd big || exit 1
expect_refused 1 committee list
err_has "not a governance store"
cd "$TEST_TMP" || exit 1
# nor is a directory outside any store
mkdir -p plain && cd plain || exit 1
expect_fail 1 meeting list
expect_message
cd "$TEST_TMP" || exit 1
# the subdirectory store cannot be initialised twice
snapshot_repo big
expect_fail 1 -C big init meetings
expect_message
assert_repo_unchanged big

section "init refuses bad options and leaves nothing behind"
expect_fail 2 init bad1 --timezone Mars/Olympus
expect_message
assert_file_absent bad1/govern.yaml
expect_fail 2 init bad2 --year-start 13-01
assert_file_absent bad2/govern.yaml
expect_fail 2 init bad3 --year-start 02-30
assert_file_absent bad3/govern.yaml
expect_fail 2 init bad4 --notice-days -1
assert_file_absent bad4/govern.yaml
expect_fail 2 init bad5 --notice-counting fortnightly
assert_file_absent bad5/govern.yaml

section "init without --body says so, and does not call the store 'of Governance store'"
expect_ok init unnamed
out_has "Initialised a governance store in $TEST_TMP/unnamed"
out_has "govern config set body NAME"
out_lacks "of Governance store"

section "init without a git identity leaves nothing: no directory, no .git"
(
    unset GOVERN_AUTHOR_NAME GOVERN_AUTHOR_EMAIL
    export HOME=$TEST_TMP/nobody XDG_CONFIG_HOME=$TEST_TMP/nobody/.config
    export GIT_CONFIG_GLOBAL=$HOME/.gitconfig
    mkdir -p "$HOME"
    expect_fail 1 init noident --body "Hart District Council"
    err_has "no author"
    assert_file_absent noident
    # an existing empty directory stays, but gets no .git
    mkdir noident2
    expect_fail 1 init noident2 --body "Hart District Council"
    assert_file_absent noident2/.git
    assert_file_absent noident2/govern.yaml
    # inside an existing repository, the identity of that repository is enough
    mkdir withrepo && git -C withrepo init -q && git -C withrepo config user.name Repo &&
        git -C withrepo config user.email repo@example.org
    expect_ok init withrepo --body "Hart District Council"
    assert_eq "$(git -C withrepo log -1 --format=%an)" "Repo" "author from the repository"
    [ "$FAILURES" -eq 0 ]
) || FAILURES=$((FAILURES + 1))

finish
