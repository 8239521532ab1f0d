#!/bin/sh
# Plugins never touch the file system themselves: they read through the
# snapshot and write through a change set or the host's output directory
# (govern/outdir.h).  Fails on any call of fopen, open, openat, rename,
# unlink, mkdir or remove under plugins/, outside the allow-list below.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
# The actions plugin's register cache in $GIT_DIR/govern/ predates the
# rule; it is to move to a host cache service.
allow='^plugins/actions/register\.c:'
found=$(cd "$src" && grep -rnE '\b(fopen|fdopen|open|openat|rename|renameat|unlink|unlinkat|mkdir|mkdirat|remove)[[:space:]]*\(' \
    --include='*.c' --include='*.h' plugins | grep -vE "$allow" | grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/?\*|//)' || true)
if [ -n "$found" ]; then
    echo "not ok: file system calls in plugins:"
    echo "$found"
    exit 1
fi
echo "ok: no plugin calls the file system outside the allow-list"
