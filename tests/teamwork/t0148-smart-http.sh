#!/usr/bin/env bash
# The council's server over smart HTTP: git http-backend behind nginx and
# fcgiwrap on 127.0.0.1, the hub's pre-receive hook installed by govern.
# Clerks clone over http://, govern sync pushes through the server, and a
# push that edits approved minutes is refused, by git push and by govern
# sync alike, with the reasons shown.  Skipped without nginx or fcgiwrap
# (tests/setup-debian.sh installs both).
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-hub.sh"

NGINX=$(command -v nginx || echo /usr/sbin/nginx)
FCGIWRAP=$(command -v fcgiwrap || echo /usr/sbin/fcgiwrap)
BACKEND="$(git --exec-path)/git-http-backend"
if [ ! -x "$NGINX" ] || [ ! -x "$FCGIWRAP" ] || [ ! -x "$BACKEND" ]; then
    echo "# nginx, fcgiwrap or git-http-backend not installed: skipped"
    finish
fi

make_hub
guard_hub

section "nginx and fcgiwrap serve the hub on 127.0.0.1"
W=$TEST_TMP/www
mkdir -p "$W/tmp"
"$FCGIWRAP" -c 1 -s "unix:$W/fcgi.sock" >"$W/fcgi.log" 2>&1 &
FCGI_PID=$!
user=""
[ "$(id -u)" -eq 0 ] && user="user root;"
start_nginx() {
    PORT=$((20000 + (RANDOM + $$) % 30000))
    cat >"$W/nginx.conf" <<CONF
$user
worker_processes 1;
daemon off;
pid $W/nginx.pid;
error_log $W/error.log;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $W/tmp/body;
    fastcgi_temp_path $W/tmp/fastcgi;
    proxy_temp_path $W/tmp/proxy;
    uwsgi_temp_path $W/tmp/uwsgi;
    scgi_temp_path $W/tmp/scgi;
    server {
        listen 127.0.0.1:$PORT;
        location ~ ^/git(/.*)\$ {
            client_max_body_size 0;
            fastcgi_pass unix:$W/fcgi.sock;
            fastcgi_param SCRIPT_FILENAME $BACKEND;
            fastcgi_param GIT_PROJECT_ROOT $TEST_TMP;
            fastcgi_param GIT_HTTP_EXPORT_ALL "";
            fastcgi_param PATH_INFO \$1;
            fastcgi_param REMOTE_USER clerk;
            fastcgi_param QUERY_STRING \$query_string;
            fastcgi_param REQUEST_METHOD \$request_method;
            fastcgi_param CONTENT_TYPE \$content_type;
            fastcgi_param CONTENT_LENGTH \$content_length;
            fastcgi_param HOME $HOME;
        }
    }
}
CONF
    "$NGINX" -p "$W" -c "$W/nginx.conf" >>"$W/start.log" 2>&1 &
    NGINX_PID=$!
    for _ in $(seq 1 50); do
        git ls-remote "http://127.0.0.1:$PORT/git/hub.git" >/dev/null 2>&1 && return 0
        kill -0 $NGINX_PID 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}
stop_servers() { # the servers this test started, and their children, by pid
    local p
    for p in ${NGINX_PID:-} $FCGI_PID; do
        pkill -P "$p" 2>/dev/null
        kill "$p" 2>/dev/null
    done
    wait 2>/dev/null
}
trap 'stop_servers; cleanup' EXIT
for _ in 1 2 3; do start_nginx && break; done
git ls-remote "http://127.0.0.1:$PORT/git/hub.git" >/dev/null 2>&1 && pass ||
    { fail "the server did not start"; cat "$W/error.log" "$W/start.log" 2>/dev/null | head; finish; }
HUB="http://127.0.0.1:$PORT/git/hub.git"

section "two clerks clone over http:// and sync through the server"
clerk a
clerk b
at "$TEST_TMP/a" expect_ok --as-of 2026-01-13 action add cdjsc/2026-01-13 "From A" --owner "Hart DC"
at "$TEST_TMP/b" expect_ok --as-of 2026-01-13 action add cdjsc/2026-01-13 "From B" --owner "Rushmoor BC"
at "$TEST_TMP/a" expect_ok sync
at "$TEST_TMP/b" expect_ok sync
cd "$TEST_TMP/b" || exit 1
out_has "Renumbered CDJSC-2026-001 as CDJSC-2026-002"
assert_eq "$(git -C "$TEST_TMP/hub.git" rev-parse main)" "$(git rev-parse HEAD)" "the hub has both"
file_has actions/CDJSC-2026-002.md "From B"
expect_ok status
out_has "0 commits here not pushed to origin; 0 commits there not here."

section "an edit of approved minutes is refused by the server, for git push and govern sync"
good=$(git rev-parse HEAD)
echo "A sentence added after approval." >>cdjsc/2026-01-11/minutes.md
git_commit_all "Edit approved minutes"
if git push origin main >"$TEST_TMP/push.out" 2>&1; then fail "git push accepted"; else pass; fi
file_has "$TEST_TMP/push.out" "approved minutes are the legal record"
expect_fail 1 sync
err_has "refused the push"
assert_eq "$(git -C "$TEST_TMP/hub.git" rev-parse main)" "$good" "the hub is unchanged"
finish
