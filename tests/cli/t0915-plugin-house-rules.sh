#!/usr/bin/env bash
# The rules every plugin keeps (docs/plugins.md, issue 10), checked on the
# built-in plugins' sources: each includes only the public API (govern/...)
# and its own headers (no private header, no build-internal govern-config.h,
# no other plugin's header), and none opens, renames or unlinks files itself
# (the store, its change sets and its cache service do that).  The calendar
# plugin's --output writer is the one exception left until the publishing
# helper replaces it.
. "$(dirname "$0")/lib.sh"

PLUGINS=$(cd "$(dirname "$0")/../../plugins" && pwd)
[ -d "$PLUGINS/actions" ] && [ -d "$PLUGINS/cycles" ] && pass || fail "no plugins/ at $PLUGINS"

section "includes: the public API and the plugin's own headers only"
bad=
for f in "$PLUGINS"/*/*.[ch]; do
    dir=$(dirname "$f")
    while IFS= read -r inc; do
        case $inc in
        govern/*) ;;
        *) [ -f "$dir/$inc" ] || bad="$bad ${f#$PLUGINS/}:$inc" ;;
        esac
        case $inc in govern/sys/*) bad="$bad ${f#$PLUGINS/}:$inc (host only)" ;; esac
    done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f")
done
[ -z "$bad" ] && pass || fail "plugins include what is not theirs:$bad"
grep -l 'govern-config\.h' "$PLUGINS"/*/*.[ch] > "$TEST_TMP/cfg" && fail "govern-config.h included: $(cat "$TEST_TMP/cfg")" || pass
grep -ln 'register\.h' "$PLUGINS"/cycles/*.[ch] > "$TEST_TMP/reg" && fail "cycles includes the actions plugin's header" || pass

section "no file I/O of a plugin's own"
calls='\b(fopen|freopen|open|openat|creat|rename|renameat|renameat2|unlink|unlinkat|remove|mkdir|rmdir)[[:space:]]*\('
# comments are not calls: drop /* ... */ lines and // tails before looking
hits=$(for f in "$PLUGINS"/*/*.c; do
    case $f in "$PLUGINS"/ical/plugin.c) continue ;; esac
    sed -e 's://.*$::' -e '/^[[:space:]]*\*/d' -e 's:/\*.*\*/::g' "$f" | grep -nE "$calls" | sed "s|^|${f#$PLUGINS/}:|"
done)
[ -z "$hits" ] && pass || fail "plugins touch files themselves: $hits"
# the rule bites: a call written into a copy of a plugin's source is found
{ cat "$PLUGINS/actions/minutes.c"; printf 'static void probe(void)\n{\n    unlink("x");\n}\n'; } > "$TEST_TMP/probe.c"
grep -qE "$calls" "$TEST_TMP/probe.c" && pass || fail "the file I/O pattern does not match a call"
grep -rn 'govern_snapshot_gitdir\|govern_snapshot_tree_id' "$PLUGINS" > "$TEST_TMP/git" && fail "plugins reach into the git directory: $(cat "$TEST_TMP/git")" || pass

finish
