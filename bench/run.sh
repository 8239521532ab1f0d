#!/usr/bin/env bash
# The action-register benchmark of issue 3 (item 9); see docs/benchmarks.md.
#
#   bench/run.sh [--scale small|full] [--runs N] [--no-install] [--govern PATH]
#
# Builds govern in release mode (build-bench/), generates the store with
# bench/gen_store.py (cached under bench/out/, which git ignores), loads the
# same actions into a private taskwarrior, then times:
#   1. govern actions --status all --format json     (skipped if this build lacks it;
#      also, for reference, with GOVERN_NO_CACHE=1 and with --rev HEAD)
#   2. git grep over the action files                 (the floor: reading them)
#   3. taskwarrior exporting the same actions         (task export, and task list)
#   4. govern action update ID --status done --note bench  vs  git commit of one file
#   5. peak RSS of govern actions                     (/usr/bin/time -v)
# and prints median and min of each, the ratios and PASS/MISS per target.
# It is a measurement: it exits 0 when targets are missed, non-zero only when
# something could not be run at all.
set -euo pipefail

SCALE=full
RUNS=10
INSTALL=1
GOVERN=
while [ $# -gt 0 ]; do
    case $1 in
    --scale) SCALE=$2; shift 2 ;;
    --scale=*) SCALE=${1#*=}; shift ;;
    --runs) RUNS=$2; shift 2 ;;
    --runs=*) RUNS=${1#*=}; shift ;;
    --no-install) INSTALL=0; shift ;;
    --govern) GOVERN=$2; shift 2 ;;
    --govern=*) GOVERN=${1#*=}; shift ;;
    -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done
case $SCALE in small | full) ;; *) echo "run.sh: --scale is small or full" >&2; exit 2 ;; esac

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
OUT=$HERE/out
mkdir -p "$OUT"
AS_OF=2026-03-01
WRITE_RUNS=$(( RUNS < 5 ? RUNS : 5 ))

# No user configuration: git, taskwarrior and govern see only ours.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GOVERN_AUTHOR_NAME="Bench Clerk" GOVERN_AUTHOR_EMAIL="bench@example.org"
export LC_ALL=C.UTF-8 TZ=UTC
unset NO_COLOR GOVERN_COMMIT_TIME || true

say() { printf '\n== %s\n' "$*"; }

# --- tools ---------------------------------------------------------------
need_pkg() { # COMMAND PACKAGE
    command -v "$1" > /dev/null && return 0
    [ "$INSTALL" = 1 ] || return 1
    local sudo=
    [ "$(id -u)" = 0 ] || sudo=sudo
    echo "installing $2 (apt-get)"
    $sudo apt-get install -y -q "$2" > "$OUT/apt-$2.log" 2>&1 ||
        { $sudo apt-get update -q > /dev/null 2>&1 && $sudo apt-get install -y -q "$2" > "$OUT/apt-$2.log" 2>&1; } ||
        { echo "could not install $2 (see $OUT/apt-$2.log)"; return 1; }
}
HAVE_TASK=1
need_pkg task taskwarrior || HAVE_TASK=0
need_pkg hyperfine hyperfine || echo "hyperfine not available: timing with bench/timer.py's own loop"
[ -x /usr/bin/time ] || need_pkg /usr/bin/time time || true

# --- govern, release build -----------------------------------------------
if [ -z "$GOVERN" ]; then
    say "build (release)"
    # -Dwerror=false: at -O3 gcc 12 reports a -Wmaybe-uninitialized false
    # positive in core/doc.c that the debug build does not see.
    if [ ! -f "$ROOT/build-bench/build.ninja" ]; then
        meson setup "$ROOT/build-bench" "$ROOT" --buildtype=release -Dwerror=false > "$OUT/meson-setup.log"
    fi
    ninja -C "$ROOT/build-bench" > "$OUT/ninja.log" || { cat "$OUT/ninja.log"; exit 1; }
    GOVERN=$ROOT/build-bench/core/cli/govern
    echo "govern: $GOVERN ($(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo '?'))"
else
    case $GOVERN in /*) ;; *) GOVERN=$PWD/$GOVERN ;; esac
    [ -x "$GOVERN" ] || { echo "run.sh: --govern $GOVERN is not executable" >&2; exit 2; }
    say "govern: $GOVERN (given with --govern, not built)"
fi

# --- the store (cached) --------------------------------------------------
STORE=$OUT/store-$SCALE
TASKJSON=$OUT/tasks-$SCALE.json
STAMP="$(sha256sum "$HERE/gen_store.py" | cut -c1-16) $SCALE $AS_OF"
if [ "$(cat "$STORE.stamp" 2>/dev/null)" != "$STAMP" ] || [ ! -d "$STORE/.git" ]; then
    say "generate the store ($SCALE)"
    rm -rf "$STORE" "$STORE".stamp "$STORE".checked-* "$OUT/task-$SCALE" "$OUT/write-$SCALE"
    t0=$(date +%s.%N)
    python3 "$HERE/gen_store.py" "$STORE" --scale "$SCALE" --as-of "$AS_OF" --taskwarrior-json "$TASKJSON"
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "generation took %.1f s\n", b - a }'
    echo "$STAMP" > "$STORE.stamp"
else
    say "store $STORE (cached; delete it to regenerate)"
fi
N_ACTIONS=$(git -C "$STORE" ls-files -- actions/ | wc -l)
echo "$N_ACTIONS action files, $(git -C "$STORE" ls-files | wc -l) files in the store"

# The store must be valid for the figures to mean anything: govern check,
# once per store and build (it also reads every file, so its time is shown).
CHECKED=$STORE.checked-$(sha256sum "$GOVERN" | cut -c1-16)
if [ ! -f "$CHECKED" ]; then
    say "govern check --as-of $AS_OF on the store"
    t0=$(date +%s.%N)
    if "$GOVERN" -C "$STORE" check --as-of "$AS_OF" > "$OUT/check-$SCALE.log" 2>&1; then
        touch "$CHECKED"
    else
        echo "WARNING: govern check found problems in the generated store (first lines below," \
            "all in $OUT/check-$SCALE.log); the figures are still measured"
        head -n 5 "$OUT/check-$SCALE.log"
    fi
    t1=$(date +%s.%N)
    tail -n 1 "$OUT/check-$SCALE.log"
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "govern check took %.1f s\n", b - a }'
fi

# Which commands this build has (captured first: grep -q in a pipe would
# close it early, and pipefail would turn that into "no such command").
HELP=$("$GOVERN" help 2>&1 || true)
HAVE_ACTIONS=0
grep -qE '^  actions( |$)' <<< "$HELP" && HAVE_ACTIONS=1
HAVE_UPDATE=0
grep -qE '^  action( |$)' <<< "$HELP" && HAVE_UPDATE=1

# --- taskwarrior with the same actions (imported once) -------------------
TASKDIR=$OUT/task-$SCALE
TASKRC_FILE=$TASKDIR/taskrc
if [ "$HAVE_TASK" = 1 ] && [ ! -f "$TASKDIR/imported" ]; then
    say "taskwarrior: import $N_ACTIONS pending tasks"
    rm -rf "$TASKDIR"
    mkdir -p "$TASKDIR/data"
    sed "s|@DATA@|$TASKDIR/data|" "$HERE/taskrc.in" > "$TASKRC_FILE"
    t0=$(date +%s.%N)
    TASKRC=$TASKRC_FILE task rc.verbose=nothing import "$TASKJSON" > "$OUT/task-import.log"
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "task import took %.1f s\n", b - a }'
    touch "$TASKDIR/imported"
fi
if [ "$HAVE_TASK" = 1 ]; then
    n=$(TASKRC=$TASKRC_FILE task rc.verbose=nothing status:pending count)
    echo "taskwarrior holds $n pending tasks"
    [ "$n" = "$N_ACTIONS" ] || echo "warning: taskwarrior holds $n tasks, the store $N_ACTIONS actions"
fi

# --- reads ----------------------------------------------------------------
say "machine"
echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) CPUs," \
    "$(free -m | awk '/^Mem:/ {print $2}') MB RAM; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(. /etc/os-release; echo "$PRETTY_NAME"), $(uname -r); $(git --version);" \
    "$(task --version 2>/dev/null | sed 's/^/taskwarrior /' || echo 'no taskwarrior');" \
    "$(hyperfine --version 2>/dev/null || echo 'timer.py loop')"

# Commands run without a shell (hyperfine -N); their output is discarded.
ACTIONS_CMD="'$GOVERN' -C '$STORE' actions --status all --format json --as-of $AS_OF"
GREP_CMD="git -C '$STORE' grep -c status: -- actions/"
TASK="env TASKRC='$TASKRC_FILE' task rc.verbose=nothing rc.gc=off rc.hooks=off rc.confirmation=off"
TEXPORT_CMD="$TASK status:pending export"
TLIST_CMD="$TASK rc.color=off rc.defaultwidth=200 rc.defaultheight=0 limit:none list"

# For reference: the same without the register cache (every file read and
# parsed), and from a commit (--rev HEAD: the cache without the work-tree check).
NOCACHE_CMD="env GOVERN_NO_CACHE=1 $ACTIONS_CMD"
REV_CMD="'$GOVERN' -C '$STORE' --rev HEAD actions --status all --format json --as-of $AS_OF"

READS=("git_grep=$GREP_CMD")
if [ "$HAVE_ACTIONS" = 1 ]; then
    READS=("govern_actions=$ACTIONS_CMD" "govern_nocache=$NOCACHE_CMD" "govern_rev=$REV_CMD" "${READS[@]}")
else
    say "govern actions: NOT MEASURED: this build has no 'actions' command (the actions plugin has not landed)"
fi
if [ "$HAVE_TASK" = 1 ]; then
    READS+=("task_export=$TEXPORT_CMD")
else
    echo "taskwarrior: NOT MEASURED (not installed)"
fi
say "timing reads: $RUNS runs each, 1 warm-up (page cache warm)"
python3 "$HERE/timer.py" "$OUT/reads-$SCALE.json" "$RUNS" 1 - "${READS[@]}"
TABLES=("$OUT/reads-$SCALE.json")
if [ "$HAVE_TASK" = 1 ]; then
    # For reference only, and slow (a formatted table of every task): fewer runs.
    python3 "$HERE/timer.py" "$OUT/list-$SCALE.json" "$WRITE_RUNS" 0 - "task_list=$TLIST_CMD"
    TABLES+=("$OUT/list-$SCALE.json")
fi

# --- peak memory -----------------------------------------------------------
rss_kb() { # COMMAND...: peak RSS in kB
    /usr/bin/time -v "$@" 2>&1 > /dev/null | awk -F': ' '/Maximum resident set size/ {print $2}'
}
RSS_GOVERN=
RSS_NOCACHE=
if [ "$HAVE_ACTIONS" = 1 ]; then
    RSS_GOVERN=$(rss_kb "$GOVERN" -C "$STORE" actions --status all --format json --as-of "$AS_OF")
    RSS_NOCACHE=$(rss_kb env GOVERN_NO_CACHE=1 "$GOVERN" -C "$STORE" actions --status all --format json --as-of "$AS_OF")
fi
RSS_GREP=$(rss_kb git -C "$STORE" grep -c status: -- actions/)
RSS_TASK=
if [ "$HAVE_TASK" = 1 ]; then
    RSS_TASK=$(rss_kb env TASKRC="$TASKRC_FILE" task rc.verbose=nothing rc.gc=off rc.hooks=off status:pending export)
fi

# --- a write: govern action update vs git commit of one file --------------
say "timing writes: $WRITE_RUNS runs each, reset to the generated commit before each"
COPY=$OUT/write-$SCALE
if [ ! -d "$COPY/.git" ]; then
    git clone -q "$STORE" "$COPY"
    git -C "$COPY" config user.name "Bench Clerk"
    git -C "$COPY" config user.email "bench@example.org"
fi
BASE=$(git -C "$STORE" rev-parse HEAD)
git -C "$COPY" reset -q --hard "$BASE"
# (|| true: head closes the pipe early, which pipefail would report.)
ACTION_FILE=$(git -C "$COPY" grep -l '^status: open' -- actions/ | head -n 1 || true)
[ -n "$ACTION_FILE" ] || { echo "run.sh: no open action in $COPY" >&2; exit 1; }
ACTION_ID=$(basename "$ACTION_FILE" .md)
echo "the action written: $ACTION_ID"
# Untimed, before every run: back to the generated commit (and, for git,
# the edit that git commit then records).
cat > "$OUT/prepare-govern.sh" << EOF
git -C '$COPY' reset -q --hard $BASE
EOF
cat > "$OUT/prepare-git.sh" << EOF
git -C '$COPY' reset -q --hard $BASE
printf 'Edited by the benchmark.\n' >> '$COPY/$ACTION_FILE'
EOF
python3 "$HERE/timer.py" "$OUT/write-git-$SCALE.json" "$WRITE_RUNS" 1 "bash '$OUT/prepare-git.sh'" \
    "git_commit=git -C '$COPY' commit -q -m bench -- '$ACTION_FILE'"
TABLES+=("$OUT/write-git-$SCALE.json")
if [ "$HAVE_UPDATE" = 1 ]; then
    python3 "$HERE/timer.py" "$OUT/write-govern-$SCALE.json" "$WRITE_RUNS" 1 "bash '$OUT/prepare-govern.sh'" \
        "govern_update='$GOVERN' -C '$COPY' action update $ACTION_ID --status done --note bench"
    TABLES+=("$OUT/write-govern-$SCALE.json")
    # The write really happened: one commit, one file, the status changed.
    "$GOVERN" -C "$COPY" action update "$ACTION_ID" --status done --note bench > /dev/null 2>&1 || true
    git -C "$COPY" show --stat --format=%s HEAD | sed 's/^/  /'
    git -C "$COPY" reset -q --hard "$BASE"
else
    echo "govern action update: NOT MEASURED: this build has no 'action' command"
fi

# --- report ----------------------------------------------------------------
say "results ($SCALE: $N_ACTIONS actions)"
python3 "$HERE/report.py" --scale "$SCALE" --rss-govern "$RSS_GOVERN" --rss-nocache "$RSS_NOCACHE" --rss-grep "$RSS_GREP" \
    --rss-task "$RSS_TASK" "${TABLES[@]}"
exit 0
