#!/usr/bin/env bash
# `meson install` into a fresh prefix (DESTDIR) installs what a Unix tool
# should: the binary, libgovern and its headers, govern.pc, the (empty)
# system plugin directory, the docs, and the man pages and completion
# scripts generated from the command table.  `man govern-agenda` then works
# with MANPATH, pkg-config finds govern, and the installed bash completion
# completes commands.
. "$(dirname "$0")/lib.sh"

: "${BUILD_ROOT:?set BUILD_ROOT to the meson build directory}"
D=$TEST_TMP/destdir
meson install -C "$BUILD_ROOT" --no-rebuild --quiet --destdir "$D" >"$TEST_TMP/install.log" 2>&1 &&
    pass || { fail "meson install failed"; tail -20 "$TEST_TMP/install.log"; finish; }
prefix=$(meson introspect "$BUILD_ROOT" --buildoptions |
    python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"][0])')
P=$D$prefix

section "files"
for f in bin/govern include/govern/govern.h include/govern/names.h share/doc/govern/README.md \
    share/doc/govern/cli.md share/man/man1/govern.1 share/man/man1/govern-agenda.1 \
    share/man/man1/govern-calendar.1 share/bash-completion/completions/govern \
    share/zsh/site-functions/_govern; do
    [ -f "$P/$f" ] && pass || fail "not installed: $f"
done
pc=$(find "$P" -name govern.pc | head -1)
[ -n "$pc" ] && pass || fail "no govern.pc"
plugdir=$(find "$P" -type d -path '*/govern/plugins' | head -1)
[ -n "$plugdir" ] && pass || fail "no system plugin directory"
[ "$(ls "$P/share/man/man1" | wc -l)" -eq "$(("$("$GOVERN" help --commands | wc -l)" + 1))" ] && pass ||
    fail "not one man page per command: $(ls "$P/share/man/man1")"

section "man govern-agenda with MANPATH"
MANPATH=$P/share/man MANWIDTH=100 man -P cat govern-agenda >"$TEST_TMP/man.txt" 2>&1 && pass ||
    fail "man govern-agenda: $(head -3 "$TEST_TMP/man.txt")"
file_has "$TEST_TMP/man.txt" "GOVERN-AGENDA(1)"
file_has "$TEST_TMP/man.txt" "--fulfils CYCLE"
MANPATH=$P/share/man MANWIDTH=100 man -P cat govern >"$TEST_TMP/man.txt" 2>&1
file_has "$TEST_TMP/man.txt" "EXIT STATUS"
file_has "$TEST_TMP/man.txt" "govern-agenda(1)"

section "pkg-config"
PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --define-variable=prefix="$P" --cflags --libs govern \
    >"$TEST_TMP/pc.txt" 2>&1 && pass || fail "pkg-config govern: $(cat "$TEST_TMP/pc.txt")"
file_has "$TEST_TMP/pc.txt" "-I$P/include"
file_has "$TEST_TMP/pc.txt" "-lgovern"
v=$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --define-variable=prefix="$P" --variable=plugindir govern)
[ "$v" = "$plugdir" ] && pass || fail "plugindir '$v' is not '$plugdir'"

section "the installed bash completion"
out=$(bash --norc --noprofile -c 'source "$1"; COMP_WORDS=(govern ag); COMP_CWORD=1; __govern_bash; echo "${COMPREPLY[*]}"' \
    _ "$P/share/bash-completion/completions/govern")
assert_eq "$out" "agenda" "govern ag<TAB>"

finish
