#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run):
#   1. tests/setup-debian.sh installs the dependencies (skip with
#      GOVERN_SKIP_SETUP=1);
#   2. a normal build in build/ and `meson test` over every suite;
#   3. a build with AddressSanitizer and UndefinedBehaviorSanitizer in
#      build-asan/ and the same tests there: any sanitizer report, and any
#      leak in govern's own code, fails the test that caused it;
#   4. one closing line counting the tests of both runs: "N passed, N failed".
# Exits non-zero when anything failed.  GOVERN_BUILD_DIR and
# GOVERN_ASAN_BUILD_DIR change the two build directories.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
ROOT=$PWD

BUILD=${GOVERN_BUILD_DIR:-build}
ASAN_BUILD=${GOVERN_ASAN_BUILD_DIR:-build-asan}
JOBS=$(nproc 2>/dev/null || echo 2)

PASSED=0
FAILED=0
SKIPPED=0
NOTES=()

log() { echo "=== run-all: $*"; }

if [ "${GOVERN_SKIP_SETUP:-}" = 1 ]; then
    log "setup skipped (GOVERN_SKIP_SETUP=1)"
else
    log "installing dependencies (tests/setup-debian.sh)"
    if ! bash tests/setup-debian.sh; then
        FAILED=$((FAILED + 1))
        NOTES+=("setup-debian.sh failed")
    fi
fi

# configure DIR [meson options...]: a new build directory, or the existing one
# brought up to date with these options.
configure() {
    local dir=$1
    shift
    if [ -f "$dir/meson-private/coredata.dat" ]; then
        meson setup --reconfigure "$dir" "$@"
    else
        rm -rf "$dir"
        meson setup "$dir" "$@"
    fi
}

# run_suite LABEL DIR [meson test options...]: builds DIR, runs every test
# and adds meson's summary to the totals.
run_suite() {
    local label=$1 dir=$2
    shift 2
    local logf=$dir/run-all-test.log
    log "$label: building $dir"
    if ! ninja -C "$dir" -j "$JOBS"; then
        FAILED=$((FAILED + 1))
        NOTES+=("$label: the build failed")
        return
    fi
    log "$label: meson test"
    meson test -C "$dir" --print-errorlogs --num-processes "$JOBS" "$@" 2>&1 | tee "$logf"
    local rc=${PIPESTATUS[0]}
    local ok xfail fail xpass skip timeout
    read -r ok xfail fail xpass skip timeout < <(awk '
        /^Ok:/              { ok = $2 }
        /^Expected Fail:/   { xfail = $3 }
        /^Fail:/            { fail = $2 }
        /^Unexpected Pass:/ { xpass = $3 }
        /^Skipped:/         { skip = $2 }
        /^Timeout:/         { timeout = $2 }
        END { printf "%d %d %d %d %d %d\n", ok, xfail, fail, xpass, skip, timeout }' "$logf")
    if ! grep -q '^Ok:' "$logf"; then
        FAILED=$((FAILED + 1))
        NOTES+=("$label: meson test printed no summary (exit $rc)")
        return
    fi
    PASSED=$((PASSED + ok + xfail))
    FAILED=$((FAILED + fail + xpass + timeout))
    SKIPPED=$((SKIPPED + skip))
    log "$label: $((ok + xfail)) passed, $((fail + xpass + timeout)) failed, $skip skipped"
    if [ "$rc" -ne 0 ] && [ $((fail + xpass + timeout)) -eq 0 ]; then
        FAILED=$((FAILED + 1))
        NOTES+=("$label: meson test exited $rc")
    fi
}

# --- 1. the normal build ----------------------------------------------------

log "configuring $BUILD"
if configure "$BUILD"; then
    run_suite "normal build" "$BUILD"
else
    FAILED=$((FAILED + 1))
    NOTES+=("normal build: meson setup failed")
fi

# --- 2. sanitizers ----------------------------------------------------------

# Every sanitizer report ends the process with its own exit status (86 for
# AddressSanitizer and LeakSanitizer, 87 for UndefinedBehaviorSanitizer),
# which no test expects from govern (0, 1 or 2), so any report fails the test
# that caused it; tests/cli/lib.sh also fails on any report it sees on
# stderr.  A leak in govern, libgovern, a plugin or a test binary is a
# failure.  Third-party libraries that keep allocations for the life of the
# process by design (libical's time zone cache) are suppressed, and only
# those: tests/lsan.supp when the tree has one, else the list below.
SUPP=$ROOT/tests/lsan.supp
if [ ! -f "$SUPP" ]; then
    SUPP=$(mktemp "${TMPDIR:-/tmp}/govern-lsan.XXXXXX")
    trap 'rm -f "$SUPP"' EXIT
    cat >"$SUPP" <<'EOF'
# LeakSanitizer suppressions: third-party libraries only, never govern's code.
leak:libical
leak:icaltimezone
EOF
fi
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:exitcode=86:print_stacktrace=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1"
export UBSAN_OPTIONS="halt_on_error=1:exitcode=87:print_stacktrace=1:report_error_type=1"
export LSAN_OPTIONS="suppressions=$SUPP:print_suppressions=0"

log "configuring $ASAN_BUILD (address and undefined behaviour sanitizers)"
# (-Dwerror=false: GCC warns falsely about code it has instrumented; the
# normal build above is the one that holds the code to -Werror)
if configure "$ASAN_BUILD" -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=false; then
    run_suite "sanitizers" "$ASAN_BUILD" --timeout-multiplier 3
else
    FAILED=$((FAILED + 1))
    NOTES+=("sanitizers: meson setup failed")
fi

# --- the result -------------------------------------------------------------

for n in "${NOTES[@]}"; do
    echo "run-all: $n"
done
echo "run-all: both runs together: $SKIPPED skipped"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
