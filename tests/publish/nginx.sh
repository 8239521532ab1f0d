#!/bin/sh
# Serves a published site with nginx using the server block of
# docs/publishing.md (its own prefix, on a free loopback port) and checks
# what a browser, a feed reader and a calendar client get: types and
# charsets, gzip for pages, styles, feeds and data, caching headers, the 404
# page, dot files hidden, and an ETag that survives a republish.
set -eu
if ! command -v nginx >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
    echo "SKIP: needs nginx and curl"
    exit 77
fi
src=$(cd "$(dirname "$0")/../.." && pwd)
. "$src/tests/nginx-serve.sh"
tmp=$(mktemp -d)
cleanup() {
    nginx_stop
    rm -rf "$tmp"
}
trap cleanup EXIT
export GOVERN_AUTHOR_NAME="Test Clerk" GOVERN_AUTHOR_EMAIL=clerk@example.org
export GIT_AUTHOR_NAME="Test Clerk" GIT_AUTHOR_EMAIL=clerk@example.org
export GIT_COMMITTER_NAME="Test Clerk" GIT_COMMITTER_EMAIL=clerk@example.org
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null NO_COLOR=1
cp -r "$src/meetings" "$tmp/store"
git -C "$tmp/store" init -q -b main
git -C "$tmp/store" add -A
git -C "$tmp/store" commit -q -m store
publish() {
    "$GOVERN" -C "$tmp/store" publish "$tmp/site" --as-of 2021-12-20 >/dev/null
}
publish

nginx_port
port=$NGINX_PORT
# the documented block, on our port and root
block=$(sed -n '/<!-- nginx-site-begin -->/,/<!-- nginx-site-end -->/p' "$src/docs/publishing.md" |
    sed '/^<!--/d; /^```/d' |
    sed "s|listen 80;|listen 127.0.0.1:$port;|; s|root /srv/democracy/site;|root $tmp/site;|")
case $block in *"listen 127.0.0.1:$port;"*) ;; *)
    echo "not ok: the server block of docs/publishing.md was not found"; exit 1 ;;
esac
nginx_serve "$tmp" "$block"
base=$NGINX_BASE
fails=0
# expect NAME GOT WANT
expect() {
    if [ "$2" = "$3" ]; then echo "ok: $1: $2"; else echo "not ok: $1: '$2', want '$3'"; fails=$((fails + 1)); fi
}
header() { # header URL NAME [curl options]: the value of one response header
    u=$1; h=$2; shift 2
    curl -s -o /dev/null -D - "$@" "$base$u" | tr -d '\r' |
        awk -v h="$h" 'index(tolower($0), tolower(h) ":") == 1 {sub(/^[^:]*: */, ""); print; exit}'
}
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

expect "home type" "$(header / Content-Type)" "text/html; charset=utf-8"
expect "meeting page" "$(status "$base/cdjsc/2019-12-16/")" 200
expect "stylesheet type" "$(header /style.css Content-Type)" "text/css; charset=utf-8"
expect "calendar type" "$(header /feeds/all.ics Content-Type)" "text/calendar; charset=utf-8"
expect "atom type" "$(header /feeds/council.atom Content-Type)" "application/atom+xml; charset=utf-8"
for u in / /style.css /feeds/all.ics /feeds/council.atom; do
    expect "gzip $u" "$(header "$u" Content-Encoding -H 'Accept-Encoding: gzip')" gzip
done
expect "page caching" "$(header /cdjsc/ Cache-Control)" "public, max-age=300"
expect "feed caching" "$(header /feeds/all.ics Cache-Control)" "public, max-age=3600"
expect "missing page" "$(status "$base/no/such/page/")" 404
curl -s "$base/no/such/page/" | grep -q "Page not found" && echo "ok: the 404 page" ||
    { echo "not ok: 404 body"; fails=$((fails + 1)); }
expect "manifest hidden" "$(status "$base/.govern-manifest")" 404
curl -s "$base/feeds/all.ics" | cmp - "$tmp/site/feeds/all.ics" && echo "ok: same bytes" ||
    { echo "not ok: all.ics differs"; fails=$((fails + 1)); }

etag=$(header /cdjsc/2019-12-16/ ETag)
[ -n "$etag" ] || { echo "not ok: no ETag"; fails=$((fails + 1)); }
sleep 1.1 # a rewritten file would now get another mtime
publish
expect "ETag after a republish" "$(header /cdjsc/2019-12-16/ ETag)" "$etag"
expect "304 for the cached page" "$(status -H "If-None-Match: $etag" "$base/cdjsc/2019-12-16/")" 304
[ "$fails" -eq 0 ] || { cat "$tmp/nginx/logs/error.log"; exit 1; }
