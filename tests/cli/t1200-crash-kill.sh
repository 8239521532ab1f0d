#!/usr/bin/env bash
# kill -9 at random instants of mixed writes (action add and update, meeting
# new, agenda add).  After every kill: the next write succeeds within a
# second and leaves the work tree and index clean, every acknowledged write
# (exit 0) is in HEAD and nothing else is, and git fsck --strict is clean.
# At the end govern fsck finds nothing.  220 kills in the normal build;
# under the sanitizers (ASAN_OPTIONS set, as tests/run-all.sh does) 60, as
# each run is several times slower; GOVERN_CRASH_KILLS overrides both.
. "$(dirname "$0")/lib.sh"

# LIMIT_MS: how long the write after a kill may take (three seconds under
# the sanitizers, and see RUN_MS below).
LIMIT_MS=1000
if [ -n "${ASAN_OPTIONS:-}" ]; then
    KILLS=60
    LIMIT_MS=3000
else
    KILLS=220
fi
KILLS=${GOVERN_CRASH_KILLS:-$KILLS}

new_store "$TEST_TMP/store" --body "Crash Council"
expect_ok committee add alpha --name "Alpha Committee" --short-name ALPHA
expect_ok meeting new alpha --date 2022-01-10
expect_ok --as-of 2022-01-11 action add alpha/2022-01-10 "First action M0" --owner "Chief Officer"
FIRST_ACTION=$(cat "$OUT")
: >"$TEST_TMP/acked"
echo M0 >>"$TEST_TMP/acked"

now_ms() { # sets NOW (milliseconds), without a subshell
    local t=${EPOCHREALTIME/./}
    NOW=$((t / 1000))
}

# A write's run time sets the range of the random delays, so that kills
# land anywhere from before the lock to after the exit.
now_ms
t0=$NOW
for _ in 1 2 3 4 5; do
    "$GOVERN" agenda add alpha/2022-01-10 "Timing item" >/dev/null 2>&1
done
now_ms
RUN_MS=$(((NOW - t0) / 5 + 1))
# on a loaded machine (the suite runs tests in parallel) a second is
# stretched to eight ordinary writes
[ $((8 * RUN_MS)) -gt "$LIMIT_MS" ] && LIMIT_MS=$((8 * RUN_MS))
echo "# one write takes about $RUN_MS ms; $KILLS kills"

# The command of write i, with its marker Mi in what it commits.
write_cmd() {
    local i=$1
    case $((i % 4)) in
    0) CMD=(--as-of 2022-01-12 action add alpha/2022-01-10 "Action M$i" --owner "Officer") ;;
    1) CMD=(--as-of 2022-01-12 action update "$FIRST_ACTION" --note "Note M$i") ;;
    2) printf -v day '%d-%02d-%02d' $((2023 + i / 336)) $((i / 28 % 12 + 1)) $((i % 28 + 1))
       CMD=(meeting new alpha --date "$day" --title "Session M$i") ;;
    3) CMD=(agenda add alpha/2022-01-10 "Item M$i") ;;
    esac
}

# compare_markers KILLED: the markers committed in HEAD against the
# acknowledged ones; prints "missing: ...", "extra: ..." (neither may have
# any) and "landed: 0|1" (whether the killed write KILLED is in HEAD).
compare_markers() {
    git grep -h -o -E '\bM[0-9]+\b' HEAD -- . >"$TEST_TMP/head"
    awk -v killed="$1" '
        FNR == NR { h[$0] = 1; next }
        { a[$0] = 1; if (!($0 in h)) miss = miss " " $0 }
        END {
            for (k in h) if (!(k in a) && k != killed) extra = extra " " k
            print "missing:" miss; print "extra:" extra; print "landed: " ((killed in h) ? 1 : 0)
        }' "$TEST_TMP/head" "$TEST_TMP/acked" >"$TEST_TMP/compare"
}

# sub-second sleeps without a process: a read that times out on a FIFO
# nobody writes to
mkfifo "$TEST_TMP/never"
exec 7<>"$TEST_TMP/never"
max_ms=0 killed=0 finished=0 slow=0 left_journal=0 left_reflock=0 left_index=0 left_record=0
for i in $(seq 1 "$KILLS"); do
    write_cmd "$i"
    us=$((RANDOM * RUN_MS * 1000 / 32768))
    printf -v delay '%d.%06d' $((us / 1000000)) $((us % 1000000))
    "$GOVERN" "${CMD[@]}" >"$TEST_TMP/k.out" 2>"$TEST_TMP/k.err" </dev/null &
    pid=$!
    read -r -t "$delay" -u 7 _
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rc=$?
    if [ "$rc" -eq 0 ]; then
        finished=$((finished + 1))
        echo "M$i" >>"$TEST_TMP/acked"
    elif [ "$rc" -eq 137 ]; then
        killed=$((killed + 1))
    else
        fail "kill $i: govern ${CMD[*]} exited $rc"
        sed 's/^/  | /' "$TEST_TMP/k.err"
    fi
    [ -e .git/govern/journal ] && left_journal=$((left_journal + 1))
    [ -e .git/refs/heads/main.lock ] && left_reflock=$((left_reflock + 1))
    [ -e .git/index.lock ] && left_index=$((left_index + 1))
    [ -s .git/govern.lock ] && left_record=$((left_record + 1))

    # the next write: at once, and it leaves nothing behind
    now_ms
    t0=$NOW
    run agenda add alpha/2022-01-10 "Check M$((i + 100000))"
    now_ms
    ms=$((NOW - t0))
    [ "$ms" -gt "$max_ms" ] && max_ms=$ms
    if [ "$RC" -ne 0 ]; then
        fail "kill $i (${CMD[*]}, delay $delay s): the next write failed"
        _show_last
        break
    fi
    echo "M$((i + 100000))" >>"$TEST_TMP/acked"
    if [ "$ms" -ge "$LIMIT_MS" ]; then
        slow=$((slow + 1))
        fail "kill $i: the next write took $ms ms"
    fi
    st=$(git status --porcelain=v1 --untracked-files=all)
    if [ -n "$st" ]; then
        fail "kill $i (${CMD[*]}, delay $delay s): the work tree is not clean after the next write"
        echo "$st" | head -5 | sed 's/^/  /'
        break
    fi
    # every acknowledged write is there; a killed one is there or not at all
    compare_markers "M$i"
    mapfile -t cmp <"$TEST_TMP/compare"
    if [ "${cmp[0]}" != "missing:" ] || [ "${cmp[1]}" != "extra:" ]; then
        fail "kill $i: HEAD does not hold exactly the acknowledged writes"
        sed 's/^/  /' "$TEST_TMP/compare"
        break
    fi
    # the killed write, when it landed, counts as acknowledged from now on
    [ "${cmp[2]}" = "landed: 1" ] && echo "M$i" >>"$TEST_TMP/acked"
    if ! git fsck --strict --no-progress >"$TEST_TMP/fsck" 2>&1 ||
        grep -qvE '^(dangling|notice: )' "$TEST_TMP/fsck"; then
        fail "kill $i: git fsck --strict reports problems"
        head -5 "$TEST_TMP/fsck" | sed 's/^/  /'
        break
    fi
    pass
done
echo "# $killed killed, $finished finished first; after the kill: $left_record lock records," \
    "$left_journal journals, $left_reflock ref locks, $left_index index locks;" \
    "the next write took at most $max_ms ms (limit $LIMIT_MS)"
assert_eq "$((killed + finished))" "$KILLS" "kills run"

section "govern fsck finds nothing left; check is clean"
expect_ok fsck
assert_eq "$(cat "$OUT")" "" "fsck output"
expect_ok meeting held alpha/2022-01-10 --as-of 2022-01-10
expect_ok check --as-of 2022-01-11
assert_clean_worktree
finish
