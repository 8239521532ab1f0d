#!/usr/bin/env bash
# Concurrent writers: 4 processes x 25 writes started at once give exactly 100
# new commits in a straight line, every change is there, git fsck --strict is
# clean and nothing is left uncommitted.  Once with member add on 4 different
# committees, once with meeting new on distinct dates of one committee, once
# with meeting new on the same date (ids -2, -3, ... must all be distinct).
. "$(dirname "$0")/lib.sh"

WORKERS=4
WRITES=25

new_store "$TEST_TMP/store" --body "Busy Council"
for c in alpha beta gamma delta; do
    expect_ok committee add $c --name "Committee $c"
done

# race NAME CMD-TEMPLATE: runs WORKERS processes of WRITES commands each, all
# released at the same moment; in the template @W@ is the worker (1-4) and
# @I@ the write (1-25).  Failures are collected in $TEST_TMP/NAME.fail.
race() {
    local name=$1 template=$2 w
    rm -f "$TEST_TMP/go"
    : >"$TEST_TMP/$name.fail"
    for w in $(seq 1 $WORKERS); do
        (
            while [ ! -e "$TEST_TMP/go" ]; do sleep 0.01; done
            for i in $(seq 1 $WRITES); do
                cmd=${template//@W@/$w}
                cmd=${cmd//@I@/$i}
                # shellcheck disable=SC2086
                if ! eval "\"\$GOVERN\" $cmd" >>"$TEST_TMP/$name.$w.out" 2>>"$TEST_TMP/$name.$w.err"; then
                    echo "worker $w write $i failed: $cmd" >>"$TEST_TMP/$name.fail"
                fi
            done
        ) &
    done
    sleep 0.2
    touch "$TEST_TMP/go"
    wait
    cat "$TEST_TMP/$name".*.err >"$ERR" 2>/dev/null
    LAST_CMD="($name race)"
    check_sanitizers
    if [ -s "$TEST_TMP/$name.fail" ]; then
        fail "$name: some writes failed"
        head -5 "$TEST_TMP/$name.fail" | sed 's/^/  /'
        cat "$TEST_TMP/$name".*.err | sort | uniq -c | head -5 | sed 's/^/  /'
    else
        pass
    fi
}

assert_linear() { # FROM: every commit since FROM has exactly one parent
    local merges
    merges=$(git rev-list --min-parents=2 "$1..HEAD" | wc -l)
    assert_eq "$merges" 0 "merge commits"
}

section "member add: 4 committees x 25 members at once"
names=(x alpha beta gamma delta)
before=$(git rev-parse HEAD)
race members 'member add ${names[@W@]} "Member @W@-@I@" --role member'
assert_eq "$(git rev-list --count "$before..HEAD")" $((WORKERS * WRITES)) "new commits"
assert_linear "$before"
for w in 1 2 3 4; do
    c=${names[$w]}
    expect_ok member list "$c" --format json
    json_expect "sorted(m['name'] for m in j['members']) == sorted('Member $w-%d' % i for i in range(1, $WRITES + 1))"
    assert_eq "$(grep -c '^- name: ' "$c/committee.md")" $WRITES "members in $c/committee.md"
done
assert_eq "$(git log --format=%s "$before..HEAD" | sort -u | wc -l)" $((WORKERS * WRITES)) "distinct commit messages"
assert_git_healthy
assert_clean_worktree
expect_ok check --as-of 2021-01-01

section "meeting new: 100 distinct dates at once"
before=$(git rev-parse HEAD)
# worker W schedules day I of month W+1 (February to May 2022)
race meetings 'meeting new alpha --date 2022-0$((@W@ + 1))-$(printf %02d @I@)'
assert_eq "$(git rev-list --count "$before..HEAD")" $((WORKERS * WRITES)) "new commits"
assert_linear "$before"
expect_ok meeting list --committee alpha --format json
json_expect "len(j['meetings']) == $((WORKERS * WRITES))"
json_expect "len(set(m['uid'] for m in j['meetings'])) == $((WORKERS * WRITES))"
json_expect "sorted(m['id'] for m in j['meetings']) == sorted('alpha/2022-%02d-%02d' % (w + 1, i) for w in range(1, 5) for i in range(1, $WRITES + 1))"
cat "$TEST_TMP"/meetings.*.out | sort >"$TEST_TMP/printed"
assert_eq "$(sort -u "$TEST_TMP/printed" | wc -l)" $((WORKERS * WRITES)) "distinct ids printed"
assert_git_healthy
assert_clean_worktree

section "meeting new: 100 meetings on the same day at once"
before=$(git rev-parse HEAD)
race sameday 'meeting new beta --date 2022-06-01 --title "Session @W@-@I@"'
assert_eq "$(git rev-list --count "$before..HEAD")" $((WORKERS * WRITES)) "new commits"
assert_linear "$before"
expect_ok meeting list --committee beta --format json
json_expect "len(j['meetings']) == $((WORKERS * WRITES))"
json_expect "sorted(m['id'] for m in j['meetings']) == sorted(['beta/2022-06-01'] + ['beta/2022-06-01-%d' % n for n in range(2, $((WORKERS * WRITES)) + 1)])"
json_expect "len(set(m['title'] for m in j['meetings'])) == $((WORKERS * WRITES))"
cat "$TEST_TMP"/sameday.*.out | sort -u >"$TEST_TMP/printed"
assert_eq "$(wc -l <"$TEST_TMP/printed")" $((WORKERS * WRITES)) "distinct ids printed"
assert_git_healthy
assert_clean_worktree

finish
