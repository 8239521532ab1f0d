#!/usr/bin/env bash
# The website benchmark (issue 12, item 8): times `govern publish` on the
# generated store (bench/gen_store.py), a full publish into an empty
# directory, a no-op republish and a republish after one change, and, when
# Hugo is installed (Debian's hugo), Hugo building the same Markdown files
# (every meeting's agenda.md and minutes.md as content pages).
#
#   bench/publish.sh [--scale small|full] [--runs N] [--govern PATH]
#
# Prints the median and min of each and the ratios; a measurement, it exits
# 0 when a goal is missed (goals: full publish 2x faster than Hugo, a
# one-change republish under 1 s).
set -euo pipefail
SCALE=small
RUNS=3
GOVERN=
while [ $# -gt 0 ]; do
    case $1 in
    --scale) SCALE=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --govern) GOVERN=$2; shift 2 ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "publish.sh: unknown option '$1'" >&2; exit 2 ;;
    esac
done
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
GOVERN=${GOVERN:-$ROOT/build/core/cli/govern}
OUT=$HERE/out/publish-$SCALE
STORE=$OUT/store
export GOVERN_AUTHOR_NAME="Bench Clerk" GOVERN_AUTHOR_EMAIL=bench@example.org
if [ ! -d "$STORE/.git" ]; then
    mkdir -p "$OUT"
    python3 "$HERE/gen_store.py" "$STORE" --scale "$SCALE" >/dev/null
fi
AS_OF=2026-03-01
# time_runs LABEL SETUP CMD...: runs SETUP then CMD RUNS times; prints median and min
time_runs() {
    local label=$1 setup=$2
    shift 2
    local ts=()
    for _ in $(seq "$RUNS"); do
        eval "$setup"
        local t0 t1
        t0=$(date +%s.%N)
        "$@" >/dev/null 2>&1
        t1=$(date +%s.%N)
        ts+=("$(echo "$t1 - $t0" | bc)")
    done
    printf '%s\n' "${ts[@]}" | sort -n | awk -v l="$label" \
        '{a[NR]=$1} END {printf "%-34s median %.3f s  min %.3f s\n", l, a[int((NR+1)/2)], a[1]}'
}
SITE=$OUT/site
files=$(find "$STORE" -name meeting.md -not -path '*/.git/*' | wc -l)
echo "store: $files meetings ($SCALE)"
time_runs "publish (full, empty directory)" "rm -rf '$SITE'" \
    "$GOVERN" -C "$STORE" publish "$SITE" --as-of $AS_OF
time_runs "publish (no change)" ":" "$GOVERN" -C "$STORE" publish "$SITE" --as-of $AS_OF
meeting=$(cd "$STORE" && find . -name meeting.md -not -path './.git/*' | sort | tail -1 |
    sed 's|^\./||; s|/meeting.md$||')
n=0
change() {
    n=$((n + 1))
    "$GOVERN" -C "$STORE" meeting set "$meeting" --location "Room $n" >/dev/null
}
time_runs "publish (after one change)" "change" \
    "$GOVERN" -C "$STORE" publish "$SITE" --as-of $AS_OF
"$GOVERN" -C "$STORE" publish "$SITE" --as-of $AS_OF
if command -v hugo >/dev/null 2>&1; then
    H=$OUT/hugo
    rm -rf "$H" && mkdir -p "$H/content" "$H/layouts/_default"
    printf 'baseURL = "https://example.org/"\ntitle = "bench"\n' >"$H/hugo.toml"
    printf '<html><body>{{ .Content }}</body></html>\n' >"$H/layouts/_default/single.html"
    printf '<html><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>\n' \
        >"$H/layouts/_default/list.html"
    (cd "$STORE" && find . \( -name agenda.md -o -name minutes.md \) -not -path './.git/*') |
        while read -r f; do
            d=$H/content/$(dirname "$f")
            mkdir -p "$d"
            cp "$STORE/$f" "$d/"
        done
    time_runs "hugo (same Markdown)" "rm -rf '$H/public'" hugo -s "$H" --quiet
else
    echo "hugo: not installed (apt-get install hugo) - no comparison"
fi
