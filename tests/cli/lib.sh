# Shared helpers for the end-to-end tests (sourced by tNNNN-*.sh).
#
# Every test drives the real binary named by $GOVERN in temporary git
# repositories of its own; nothing depends on the clock (commands take
# --as-of) or on the user's configuration (HOME, XDG and git config are
# pointed into the temporary directory).
#
#   run ARGS...             run govern; stdout in $OUT, stderr in $ERR, status in $RC
#   expect_ok ARGS...       run govern, which must exit 0
#   expect_fail CODE ARGS...run govern, which must exit with CODE
#   expect_in_time CODE ARGS... the same within 10 s (a hang fails, not blocks)
#   expect_stdout <<EOF     stdout of the last run must be exactly this
#   expect_stdout_trimmed   the same, ignoring trailing blanks on each line
#   out_has / out_lacks / err_has / err_lacks STRING   (fixed strings)
#   json_valid FILE         the file parses as JSON
#   snapshot_repo DIR / assert_repo_unchanged DIR
#   new_store DIR [init options]  init a store in DIR and cd into it
#   finish                  print the summary and exit with the status
#
# Assertions do not stop the script: each failure is reported with its line
# and counted, and `finish` exits 1 when anything failed.

set -u
set -o pipefail

: "${GOVERN:?set GOVERN to the govern executable}"
case $GOVERN in /*) ;; *) GOVERN=$PWD/$GOVERN ;; esac
[ -x "$GOVERN" ] || { echo "GOVERN=$GOVERN is not executable" >&2; exit 1; }

TEST_NAME=$(basename "$0" .sh)
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/govern-$TEST_NAME.XXXXXX")
OUT=$TEST_TMP/.stdout
ERR=$TEST_TMP/.stderr
RC=0
FAILURES=0
CHECKS=0

cleanup() {
    if [ "$FAILURES" -ne 0 ] && [ -n "${GOVERN_TEST_KEEP:-}" ]; then
        echo "# kept $TEST_TMP" >&2
    else
        chmod -R u+rwX "$TEST_TMP" 2>/dev/null
        rm -rf "$TEST_TMP"
    fi
}
trap cleanup EXIT

# An environment of our own: no user plugins, no user git config, no colour
# decisions inherited from the caller.
export HOME=$TEST_TMP/home
export XDG_DATA_HOME=$HOME/.local/share
export XDG_CONFIG_HOME=$HOME/.config
mkdir -p "$HOME"
export GIT_CONFIG_NOSYSTEM=1
export GIT_CONFIG_GLOBAL=$HOME/.gitconfig
git config --global user.name "Test Clerk"
git config --global user.email "clerk@example.org"
git config --global init.defaultBranch main
git config --global advice.detachedHead false
export GOVERN_AUTHOR_NAME="Test Clerk"
export GOVERN_AUTHOR_EMAIL="clerk@example.org"
unset NO_COLOR GOVERN_COMMIT_TIME || true
export TERM=dumb
export LC_ALL=C.UTF-8 2>/dev/null || export LC_ALL=C

# --- reporting -------------------------------------------------------------

# The line of the test script that called an assertion.
_where() {
    local i=1
    while [ "${BASH_SOURCE[$i]:-}" = "${BASH_SOURCE[0]}" ]; do i=$((i + 1)); done
    echo "$(basename "${BASH_SOURCE[$i]:-$0}"):${BASH_LINENO[$((i - 1))]}"
}

section() { echo "## $*"; }

fail() {
    FAILURES=$((FAILURES + 1))
    echo "FAIL $(_where): $*"
}

pass() { CHECKS=$((CHECKS + 1)); }

_show_last() {
    echo "  command: govern ${LAST_CMD:-}"
    echo "  exit:    $RC"
    if [ -s "$OUT" ]; then echo "  --- stdout"; sed 's/^/  | /' "$OUT" | head -40; fi
    if [ -s "$ERR" ]; then echo "  --- stderr"; sed 's/^/  | /' "$ERR" | head -40; fi
}

finish() {
    if [ "$FAILURES" -eq 0 ]; then
        echo "ok: $TEST_NAME ($CHECKS checks)"
        exit 0
    fi
    echo "FAILED: $TEST_NAME: $FAILURES of $((CHECKS + FAILURES)) checks failed"
    exit 1
}

# --- running govern --------------------------------------------------------

run() {
    LAST_CMD="$*"
    "$GOVERN" "$@" >"$OUT" 2>"$ERR" </dev/null
    RC=$?
    check_sanitizers
    return 0
}

# In a sanitizer build (tests/run-all.sh) any report is a failure, whatever
# the exit status was.
check_sanitizers() {
    if grep -qE '(Address|Leak|UndefinedBehavior|Memory|Thread)Sanitizer|runtime error: ' "$ERR"; then
        fail "sanitizer report from govern ${LAST_CMD:-}"
        grep -E -A12 'Sanitizer|runtime error: ' "$ERR" | head -40 | sed 's/^/  /'
    fi
}

expect_ok() {
    run "$@"
    if [ "$RC" -ne 0 ]; then
        fail "expected exit 0"
        _show_last
        return 1
    fi
    pass
}

# expect_in_time CODE ARGS...: govern must exit with CODE within 10 s; one
# that blocks (on a FIFO, a lock, a spinning loop) is killed and reported as
# hung instead of hanging the test.
expect_in_time() {
    local code=$1
    shift
    LAST_CMD="$*"
    timeout 10 "$GOVERN" "$@" >"$OUT" 2>"$ERR" </dev/null
    RC=$?
    check_sanitizers
    if [ "$RC" -eq 124 ]; then
        fail "govern $* hung (killed after 10 s)"
        return 1
    elif [ "$RC" -ne "$code" ]; then
        fail "expected exit $code"
        _show_last
        return 1
    fi
    pass
}

expect_fail() {
    local code=$1
    shift
    run "$@"
    if [ "$RC" -ne "$code" ]; then
        fail "expected exit $code"
        _show_last
        return 1
    fi
    pass
}

# Failing commands must say why: a message on stderr starting "govern: ".
expect_message() {
    if ! grep -q '^govern: ' "$ERR"; then
        fail "expected an error message on stderr"
        _show_last
        return 1
    fi
    pass
}

_expect_text() { # FILE EXPECTED-FILE LABEL
    if cmp -s "$1" "$2"; then
        pass
    else
        fail "$3 differs from what was expected (- expected, + actual)"
        diff -u "$2" "$1" | sed '1,2d; s/^/  /' | head -60
        echo "  command: govern ${LAST_CMD:-}"
        return 1
    fi
}

expect_stdout() {
    cat >"$TEST_TMP/.expected"
    _expect_text "$OUT" "$TEST_TMP/.expected" stdout
}

expect_stdout_trimmed() {
    cat >"$TEST_TMP/.expected"
    sed 's/[[:space:]]*$//' "$OUT" >"$TEST_TMP/.actual"
    _expect_text "$TEST_TMP/.actual" "$TEST_TMP/.expected" "stdout (trailing blanks ignored)"
}

expect_stderr() {
    cat >"$TEST_TMP/.expected"
    _expect_text "$ERR" "$TEST_TMP/.expected" stderr
}

_has() { # FILE LABEL STRING
    if grep -qF -- "$3" "$1"; then
        pass
    else
        fail "$2 does not contain: $3"
        _show_last
        return 1
    fi
}

_lacks() {
    if grep -qF -- "$3" "$1"; then
        fail "$2 must not contain: $3"
        grep -nF -- "$3" "$1" | head -5 | sed 's/^/  > /'
        echo "  command: govern ${LAST_CMD:-}"
        return 1
    fi
    pass
}

out_has() { _has "$OUT" stdout "$1"; }
out_lacks() { _lacks "$OUT" stdout "$1"; }
err_has() { _has "$ERR" stderr "$1"; }
err_lacks() { _lacks "$ERR" stderr "$1"; }
file_has() { _has "$1" "$1" "$2"; }
file_lacks() { _lacks "$1" "$1" "$2"; }

# The output of the last run has no ESC byte (no colour, no escapes).
out_plain() {
    if LC_ALL=C grep -q "$(printf '\033')" "$OUT"; then
        fail "stdout contains an ESC byte"
        od -c "$OUT" | head -5 | sed 's/^/  /'
        return 1
    fi
    pass
}

out_coloured() {
    if LC_ALL=C grep -q "$(printf '\033')\\[" "$OUT"; then
        pass
    else
        fail "stdout has no ANSI colour sequence"
        _show_last
        return 1
    fi
}

json_valid() { # FILE (default: stdout of the last run)
    local f=${1:-$OUT}
    if python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$f" \
        2>"$TEST_TMP/.json-err"; then
        pass
    else
        fail "not valid JSON: $(tail -1 "$TEST_TMP/.json-err")"
        head -20 "$f" | sed 's/^/  | /'
        return 1
    fi
}

# Evaluates a Python expression over the JSON on stdout (bound to `j`); it must
# be true.  Example: json_expect 'len(j["meetings"]) == 2'
json_expect() {
    if python3 -c '
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
sys.exit(0 if eval(sys.argv[2]) else 1)' "$OUT" "$1" 2>"$TEST_TMP/.json-err"; then
        pass
    else
        fail "JSON expectation failed: $1 $(tail -1 "$TEST_TMP/.json-err")"
        _show_last
        return 1
    fi
}

# Prints a value from the JSON on stdout: json_get 'j["uid"]'
json_get() {
    python3 -c '
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
v = eval(sys.argv[2])
print(v if not isinstance(v, (dict, list)) else json.dumps(v))' "$OUT" "$1"
}

assert_eq() { # ACTUAL EXPECTED [LABEL]
    if [ "$1" = "$2" ]; then
        pass
    else
        fail "${3:-value}: expected '$2', got '$1'"
        return 1
    fi
}

assert_file_exists() {
    if [ -e "$1" ]; then pass; else
        fail "missing file $1"
        return 1
    fi
}

assert_file_absent() {
    if [ -e "$1" ]; then
        fail "file $1 should not exist"
        return 1
    fi
    pass
}

# complete_words WORDS...: the completions the bash script in
# $TEST_TMP/govern.bash (from `govern help --completion bash`) offers for the
# command line WORDS (the last one being completed), one per line.
complete_words() {
    bash --norc --noprofile -c '
        source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        __govern_bash; printf "%s\n" "${COMPREPLY[@]}"' _ "$TEST_TMP/govern.bash" "$@"
}

# --- stores and repositories -----------------------------------------------

# new_store DIR [govern init options...]: a fresh store in a new repository;
# the current directory becomes DIR.
new_store() {
    local dir=$1
    shift
    mkdir -p "$dir"
    cd "$dir" || exit 1
    run init . "$@"
    if [ "$RC" -ne 0 ]; then
        fail "govern init failed"
        _show_last
        finish
    fi
}

# Commits everything in the work tree with git itself (hand edits).
git_commit_all() {
    git add -A . && git commit -q -m "${1:-hand edit}" >/dev/null
}

# A description of everything a command could change: HEAD and the refs,
# the index, the status, and the content of every work-tree file.
repo_state() {
    local dir=${1:-.}
    (
        cd "$dir" || exit 1
        echo "HEAD $(git rev-parse -q --verify HEAD 2>/dev/null || echo unborn)"
        echo "symbolic $(git symbolic-ref -q HEAD 2>/dev/null || echo detached)"
        git for-each-ref --format='%(refname) %(objectname)'
        if [ "$(git rev-parse --is-bare-repository)" = true ]; then
            echo "bare"
            exit 0
        fi
        top=$(git rev-parse --show-toplevel)
        cd "$top" || exit 1
        echo "--- index"
        git ls-files -s
        echo "--- status"
        git status --porcelain=v1 --untracked-files=all --ignored
        echo "--- files"
        # content of regular files, targets of links, modes of everything
        find . -path ./.git -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum --
        find . -path ./.git -prune -o ! -type f -printf '%y %m %p -> %l\n' | LC_ALL=C sort
        find . -path ./.git -prune -o -type f -printf '%m %p\n' | LC_ALL=C sort
    )
}

snapshot_repo() {
    repo_state "${1:-.}" >"$TEST_TMP/.repo-state"
}

assert_repo_unchanged() {
    repo_state "${1:-.}" >"$TEST_TMP/.repo-state-now"
    if cmp -s "$TEST_TMP/.repo-state" "$TEST_TMP/.repo-state-now"; then
        pass
    else
        fail "the repository changed (- before, + after)"
        diff -u "$TEST_TMP/.repo-state" "$TEST_TMP/.repo-state-now" | sed '1,2d; s/^/  /' | head -40
        echo "  command: govern ${LAST_CMD:-}"
        return 1
    fi
}

# expect_refused CODE ARGS...: the command fails with CODE and a message, and
# leaves the repository exactly as it was.
expect_refused() {
    snapshot_repo .
    expect_fail "$@" || return 1
    expect_message
    assert_repo_unchanged .
}

commit_count() { git rev-list --count HEAD; }

# A git repository is healthy: fsck --strict passes (dangling objects are
# allowed, they are what an abandoned write leaves) and nothing is left
# uncommitted.
assert_git_healthy() {
    local dir=${1:-.}
    if git -C "$dir" fsck --strict --no-progress >"$TEST_TMP/.fsck" 2>&1; then
        if grep -vE '^(dangling|notice: )' "$TEST_TMP/.fsck" | grep -q .; then
            fail "git fsck --strict reports problems"
            sed 's/^/  /' "$TEST_TMP/.fsck" | head -20
            return 1
        fi
        pass
    else
        fail "git fsck --strict failed"
        sed 's/^/  /' "$TEST_TMP/.fsck" | head -20
        return 1
    fi
}

assert_clean_worktree() {
    local st
    st=$(git -C "${1:-.}" status --porcelain=v1 --untracked-files=all)
    if [ -z "$st" ]; then pass; else
        fail "the work tree is not clean"
        echo "$st" | head -20 | sed 's/^/  /'
        return 1
    fi
}

# at DIR CMD...: runs CMD (a command or an assertion) with DIR as the current
# directory, in this shell (so failures are counted), then comes back.
at() {
    local back=$PWD r
    cd "$1" || { fail "no directory $1"; return 1; }
    shift
    "$@"
    r=$?
    cd "$back" || exit 1
    return $r
}
