#!/bin/sh
# Serves a --feeds directory with nginx (its own prefix and config in a temp
# dir, on a free loopback port; the configuration of docs/calendar.md) and
# checks that a feed comes back byte for byte as text/calendar; charset=utf-8.
set -eu
if ! command -v nginx >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
    echo "SKIP: needs nginx and curl"
    exit 77
fi
. "$(dirname "$0")/../nginx-serve.sh"
tmp=$(mktemp -d)
cleanup() {
    nginx_stop
    rm -rf "$tmp"
}
trap cleanup EXIT
export GOVERN_AUTHOR_NAME="Test Clerk" GOVERN_AUTHOR_EMAIL=clerk@example.org
export GOVERN_COMMIT_TIME=1700000000 NO_COLOR=1
"$GOVERN" init "$tmp/s" --body "Test Council" >/dev/null
cd "$tmp/s"
"$GOVERN" committee add csg --name "Comité — Safety" >/dev/null
"$GOVERN" meeting new csg --date 2024-03-14 --time 10:00 --location "Salle, Église; 1" >/dev/null
"$GOVERN" calendar --feeds "$tmp/feeds" >/dev/null

nginx_port
nginx_serve "$tmp" "    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $tmp/feeds;
        # as in docs/calendar.md
        types {
            text/calendar ics;
            text/html html;
            application/json json;
        }
        charset utf-8;
        charset_types text/calendar application/json;
        location ~ \\.ics\$ {
            add_header Cache-Control \"public, max-age=3600\";
        }
    }"
port=$NGINX_PORT
ctype=$(curl -s -o "$tmp/got.ics" -w '%{content_type}' "http://127.0.0.1:$port/committee-csg.ics")
if [ "$ctype" != "text/calendar; charset=utf-8" ]; then
    echo "not ok: Content-Type '$ctype'"; exit 1
fi
cmp "$tmp/got.ics" "$tmp/feeds/committee-csg.ics"
jtype=$(curl -s -o /dev/null -w '%{content_type}' "http://127.0.0.1:$port/index.json")
[ "$jtype" = "application/json; charset=utf-8" ] || { echo "not ok: index.json '$jtype'"; exit 1; }
echo "ok: nginx served committee-csg.ics as $ctype, same bytes"
