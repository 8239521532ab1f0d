#!/usr/bin/env bash
# The teamwork benchmark of issue 13 (item 7); see docs/benchmarks.md.
#
#   bench/sync.sh [--scale small|full] [--runs N] [--govern PATH] [--transport git|file]
#
# A 20-year store from bench/gen_store.py (full: 5,000 meetings, 50,000
# actions), a bare hub cloned from it, and two clerks' clones.  The remote
# clerk's 500 commits (one new action each, written with git fast-import) are
# pushed to the hub; the local clerk makes 50 commits with govern action add,
# allocating the same ids.  Then it times:
#   1. govern sync: fetch 500, replay 50 renumbering all 50 ids, push (target < 2 s)
#   2. govern hook pre-receive for a push of one commit, on this store
#      (compare the figure for --scale small and full: the target is a time
#      that does not grow with the store)
# The clerks reach the hub over git:// (git daemon on 127.0.0.1, as a served
# hub would be; the default) or file:// (libgit2's local transport, which
# walks every tree of the 500 commits itself: minutes on the full store).
# Each run starts from the same state (the hub's branch and the clone reset).
# Prints median and min; exits 0 when a target is missed (a measurement).
set -euo pipefail

SCALE=full
RUNS=5
GOVERN=
TRANSPORT=git
while [ $# -gt 0 ]; do
    case $1 in
    --scale) SCALE=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --govern) GOVERN=$2; shift 2 ;;
    --transport) TRANSPORT=$2; shift 2 ;;
    -h | --help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "sync.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done
case $SCALE in small | full) ;; *) echo "sync.sh: --scale is small or full" >&2; exit 2 ;; esac

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
OUT=$HERE/out/sync-$SCALE
AS_OF=2026-03-01
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=$HERE/out/sync-gitconfig
export GOVERN_AUTHOR_NAME="Bench Clerk" GOVERN_AUTHOR_EMAIL="bench@example.org"
export LC_ALL=C.UTF-8 TZ=UTC
mkdir -p "$HERE/out"
git config --global user.name "Bench Clerk"
git config --global user.email "bench@example.org"
say() { printf '\n== %s\n' "$*"; }

if [ -z "$GOVERN" ]; then
    say "build (release)"
    if [ ! -f "$ROOT/build-bench/build.ninja" ]; then
        meson setup "$ROOT/build-bench" "$ROOT" --buildtype=release -Dwerror=false >/dev/null
    fi
    ninja -C "$ROOT/build-bench" >/dev/null
    GOVERN=$ROOT/build-bench/core/cli/govern
fi
case $GOVERN in /*) ;; *) GOVERN=$PWD/$GOVERN ;; esac

# the cached store and clones: regenerated when the generator or this
# version of the set-up changes
STAMP="$(sha256sum < "$HERE/gen_store.py" | cut -c1-16) sync-setup-1 $SCALE"
if [ "$(cat "$OUT/stamp" 2>/dev/null)" != "$STAMP" ]; then
    say "generate the store and the clones ($SCALE)"
    rm -rf "$OUT"
    mkdir -p "$OUT"
    python3 "$HERE/gen_store.py" "$OUT/seed" --scale "$SCALE" --as-of "$AS_OF"
    git clone -q --bare "$OUT/seed" "$OUT/hub.git"
    git clone -q "$OUT/hub.git" "$OUT/remote"
    git clone -q "$OUT/hub.git" "$OUT/local"
    # the remote clerk: 500 commits, one new cabinet action each
    last=$(ls "$OUT/seed/actions" | sed -n 's/^CAB-2026-\([0-9]*\)\.md$/\1/p' | sort -n | tail -1)
    last=$((10#${last:-0}))
    {
        for i in $(seq 1 500); do
            id=$(printf 'CAB-2026-%03d' $((last + i)))
            body="---
id: $id
committee: cabinet
owner: Remote clerk $i
status: open
created: $AS_OF
updated: $AS_OF
---

Action $i raised by the remote clerk.
"
            printf 'commit refs/heads/main\ncommitter Remote Clerk <r@example.org> %d +0000\n' $((1772323200 + i))
            printf 'data <<EOM\nAdd action %s: Action %s raised by the remote clerk.\nEOM\n' "$id" "$i"
            [ "$i" = 1 ] && printf 'from refs/heads/main^0\n'
            printf 'M 100644 inline actions/%s.md\ndata %d\n%s\n' "$id" "$(printf '%s' "$body" | wc -c)" "$body"
        done
    } | git -C "$OUT/remote" fast-import --quiet
    git -C "$OUT/remote" push -q origin main
    # the local clerk: 50 commits through govern, the same ids
    for i in $(seq 1 50); do
        "$GOVERN" -C "$OUT/local" --as-of "$AS_OF" action add --committee cabinet \
            "Action $i raised by the local clerk." --owner "Local clerk $i" >/dev/null
    done
    git -C "$OUT/hub.git" rev-parse main >"$OUT/hub-tip"
    git -C "$OUT/local" rev-parse HEAD >"$OUT/local-tip"
    git -C "$OUT/local" rev-parse refs/remotes/origin/main >"$OUT/local-tracking"
    echo "$STAMP" >"$OUT/stamp"
fi
echo "$(git -C "$OUT/seed" ls-files | wc -l) files; remote $(git -C "$OUT/hub.git" rev-list --count "$(cat "$OUT/local-tracking")..main") commits ahead; $(git -C "$OUT/local" rev-list --count "$(cat "$OUT/local-tracking")..$(cat "$OUT/local-tip")") unpushed"

DAEMON_PID=
if [ "$TRANSPORT" = git ]; then
    PORT=$((20000 + (RANDOM + $$) % 30000))
    touch "$OUT/hub.git/git-daemon-export-ok"
    git -C "$OUT/hub.git" config daemon.receivepack true
    git daemon --reuseaddr --listen=127.0.0.1 --port=$PORT --base-path="$OUT" \
        --enable=receive-pack --pid-file="$OUT/daemon.pid" "$OUT" >"$OUT/daemon.log" 2>&1 &
    DAEMON_PID=$!
    trap 'kill $DAEMON_PID 2>/dev/null' EXIT
    for _ in $(seq 1 50); do git ls-remote "git://127.0.0.1:$PORT/hub.git" >/dev/null 2>&1 && break; sleep 0.1; done
    git -C "$OUT/local" remote set-url origin "git://127.0.0.1:$PORT/hub.git"
else
    git -C "$OUT/local" remote set-url origin "$OUT/hub.git"
fi
echo "transport: $TRANSPORT"

reset_state() {
    git -C "$OUT/hub.git" update-ref refs/heads/main "$(cat "$OUT/hub-tip")"
    git -C "$OUT/local" reset -q --hard "$(cat "$OUT/local-tip")"
    git -C "$OUT/local" update-ref refs/remotes/origin/main "$(cat "$OUT/local-tracking")"
}
now() { date +%s.%N; }
stats() { # LABEL TARGET times...
    local label=$1 target=$2
    shift 2
    printf '%s\n' "$@" | sort -n | awk -v l="$label" -v t="$target" '
        { v[NR] = $1 } END {
            m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf "%-44s median %.3f s  min %.3f s", l, m, v[1]
            if (t != "") printf "  target < %s s: %s", t, (m < t ? "PASS" : "MISS")
            printf "\n" }'
}

if [ -z "${SKIP_SYNC:-}" ]; then # SKIP_SYNC=1: time only the hook
say "govern sync: 50 unpushed commits onto a remote 500 ahead ($RUNS runs)"
times=()
for _ in $(seq 1 "$RUNS"); do
    reset_state
    t0=$(now)
    "$GOVERN" -C "$OUT/local" sync >"$OUT/sync.out"
    t1=$(now)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
done
grep -c Renumbered "$OUT/sync.out" | sed 's/$/ ids renumbered/'
tail -1 "$OUT/sync.out"
stats "sync" 2 "${times[@]}"
fi

say "govern hook pre-receive: a push of one commit ($RUNS runs)"
reset_state
old=$(cat "$OUT/hub-tip")
git -C "$OUT/remote" reset -q --hard "$old"
first=$(git -C "$OUT/remote" ls-tree --name-only "$old" actions/ | head -1)
first=${first#actions/}
"$GOVERN" -C "$OUT/remote" --as-of "$AS_OF" action update "${first%.md}" --note bench >/dev/null
git -C "$OUT/remote" push -q -f "$OUT/hub.git" HEAD:refs/heads/bench-hook
new=$(git -C "$OUT/remote" rev-parse HEAD)
times=()
for _ in $(seq 1 "$RUNS"); do
    t0=$(now)
    (cd "$OUT/hub.git" && echo "$old $new refs/heads/main" | "$GOVERN" hook pre-receive >"$OUT/hook.out" 2>&1) ||
        { echo "the hook refused the push:"; head "$OUT/hook.out"; }
    t1=$(now)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
done
stats "hook pre-receive ($SCALE store)" "" "${times[@]}"
git -C "$OUT/remote" reset -q --hard "$old"
reset_state
