#!/bin/sh
# Run by `meson install`: writes what the govern binary generates from its
# command table (man pages, shell completion) into the install prefix, so
# that they cannot drift from `govern --help`.  $1 is the built govern.
set -eu
govern=$1
mandir=$2
datadir=$3
dest=${MESON_INSTALL_DESTDIR_PREFIX:?run by meson install}
prefix=${MESON_INSTALL_PREFIX:?run by meson install}
# absolute mandir/datadir are inside the prefix; move them under DESTDIR too
case $mandir in "$prefix"/*) mandir=${mandir#"$prefix"/} ;; esac
case $datadir in "$prefix"/*) datadir=${datadir#"$prefix"/} ;; esac
# the built-in commands only: nothing from the installing user's plugins
export XDG_DATA_HOME=/nonexistent HOME=/nonexistent
man1=$dest/$mandir/man1
mkdir -p "$man1" "$dest/$datadir/bash-completion/completions" "$dest/$datadir/zsh/site-functions"
"$govern" help --man >"$man1/govern.1"
for c in $("$govern" help --commands); do
    "$govern" help --man "$c" >"$man1/govern-$c.1"
done
"$govern" help --completion bash >"$dest/$datadir/bash-completion/completions/govern"
"$govern" help --completion zsh >"$dest/$datadir/zsh/site-functions/_govern"
