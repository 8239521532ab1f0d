#!/bin/sh
# Serves a --feeds directory with nginx (its own prefix and config in a temp
# dir, on a free loopback port; the configuration of docs/calendar.md) and
# checks that a feed comes back byte for byte as text/calendar; charset=utf-8.
set -eu
if ! command -v nginx >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
    echo "SKIP: needs nginx and curl"
    exit 77
fi
tmp=$(mktemp -d)
pid=
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
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

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$tmp/nginx/logs" "$tmp/nginx/tmp"
cat >"$tmp/nginx/nginx.conf" <<CONF
daemon off;
master_process off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/logs/error.log;
events { worker_connections 16; }
http {
    access_log off;
    client_body_temp_path $tmp/nginx/tmp/body;
    proxy_temp_path $tmp/nginx/tmp/proxy;
    fastcgi_temp_path $tmp/nginx/tmp/fastcgi;
    uwsgi_temp_path $tmp/nginx/tmp/uwsgi;
    scgi_temp_path $tmp/nginx/tmp/scgi;
    server {
        listen 127.0.0.1:$port;
        root $tmp/feeds;
        # as in docs/calendar.md
        types {
            text/calendar ics;
            text/html html;
            application/json json;
        }
        charset utf-8;
        charset_types text/calendar application/json;
        location ~ \.ics\$ {
            add_header Cache-Control "public, max-age=3600";
        }
    }
}
CONF
nginx -p "$tmp/nginx" -e "$tmp/nginx/logs/error.log" -c "$tmp/nginx/nginx.conf" &
pid=$!
i=0
until curl -s -o /dev/null "http://127.0.0.1:$port/index.html"; do
    i=$((i + 1))
    if [ $i -gt 50 ]; then
        echo "nginx did not start"; cat "$tmp/nginx/logs/error.log"; exit 1
    fi
    sleep 0.1
done
ctype=$(curl -s -o "$tmp/got.ics" -w '%{content_type}' "http://127.0.0.1:$port/committee-csg.ics")
if [ "$ctype" != "text/calendar; charset=utf-8" ]; then
    echo "not ok: Content-Type '$ctype'"; exit 1
fi
cmp "$tmp/got.ics" "$tmp/feeds/committee-csg.ics"
jtype=$(curl -s -o /dev/null -w '%{content_type}' "http://127.0.0.1:$port/index.json")
[ "$jtype" = "application/json; charset=utf-8" ] || { echo "not ok: index.json '$jtype'"; exit 1; }
echo "ok: nginx served committee-csg.ics as $ctype, same bytes"
