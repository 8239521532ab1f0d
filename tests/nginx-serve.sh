# Serving a directory with nginx for a test (sourced by tests/*/nginx.sh):
# its own prefix and configuration in a temporary directory, on a free
# loopback port, in the foreground as a child of the test.
#
#   nginx_serve TMP BLOCK   start nginx with BLOCK (one server { ... } that
#                           listens on 127.0.0.1:$NGINX_PORT) inside http {};
#                           sets NGINX_PID and NGINX_BASE (http://127.0.0.1:PORT)
#   nginx_stop              stop it (call from the test's EXIT trap)
# Pick the port first with nginx_port (sets NGINX_PORT).

nginx_port() {
    NGINX_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
}

nginx_serve() {
    _t=$1
    mkdir -p "$_t/nginx/logs" "$_t/nginx/tmp"
    cat >"$_t/nginx/nginx.conf" <<CONF
daemon off;
master_process off;
pid $_t/nginx/nginx.pid;
error_log $_t/nginx/logs/error.log;
events { worker_connections 16; }
http {
    access_log off;
    client_body_temp_path $_t/nginx/tmp/body;
    proxy_temp_path $_t/nginx/tmp/proxy;
    fastcgi_temp_path $_t/nginx/tmp/fastcgi;
    uwsgi_temp_path $_t/nginx/tmp/uwsgi;
    scgi_temp_path $_t/nginx/tmp/scgi;
$2
}
CONF
    nginx -p "$_t/nginx" -e "$_t/nginx/logs/error.log" -c "$_t/nginx/nginx.conf" &
    NGINX_PID=$!
    NGINX_BASE=http://127.0.0.1:$NGINX_PORT
    _i=0
    until curl -s -o /dev/null "$NGINX_BASE/"; do
        _i=$((_i + 1))
        if [ $_i -gt 50 ]; then
            echo "nginx did not start"; cat "$_t/nginx/logs/error.log"; return 1
        fi
        sleep 0.1
    done
}

nginx_stop() {
    if [ -n "${NGINX_PID:-}" ]; then
        kill "$NGINX_PID" 2>/dev/null || true
        wait "$NGINX_PID" 2>/dev/null || true
    fi
}
