#!/usr/bin/env bash
# The register cache (the store's cache service: $GIT_DIR/govern/
# cache-actions.bin, keyed by the tree of actions/): outputs are
# byte-identical with and without it (GOVERN_NO_CACHE=1), it is used (not
# rewritten) on an unchanged register, uncommitted hand edits in the work tree
# (in place, new files, deleted files, an edit that keeps the mtime) are
# always seen, a commit moves it to the new tree, a corrupt, truncated or
# foreign cache file (govern fsck reports the damaged ones) is ignored and rewritten, and the work tree's clean
# stamp is used and invalidated.
. "$(dirname "$0")/../cli/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add cdjsc --name "Crime and Disorder Joint Scrutiny Committee" --short-name CDJSC
expect_ok committee add hcssg --name "Hampshire Community Safety Strategy Group" --short-name HCSSG
expect_ok meeting new cdjsc --date 2020-04-01
A() { expect_ok --as-of 2020-04-01 action add "$@"; }
A cdjsc/2020-04-01 "Due on the day" --owner "Director of Public Health" --due 2020-05-01
A cdjsc/2020-04-01 'Text with, commas "quotes"
and a second line <b>bold</b> & more — café' --owner "Safer North Hampshire CSP" --due 2020-04-30 --refer-to hcssg
A cdjsc/2020-04-01 "No due date" --owner "Hart DC"
A --committee hcssg "Strategy group action" --owner "Head of Finance" --due 2020-03-01 --return
A cdjsc/2020-04-01 "Finished" --owner "Chief Constable" --due 2020-04-10
expect_ok --as-of 2020-04-20 action update CDJSC-2020-004 --status done --note "Sent"
expect_ok --as-of 2020-04-21 action update CDJSC-2020-001 --status in-progress

GITDIR=$(git rev-parse --absolute-git-dir)
cache_file() { echo "$GITDIR/govern/cache-actions.bin"; }
# Does the cache hold the register of actions/ in HEAD (its key names the tree)?
cache_of_head() { grep -qa "register-[0-9]* $(git rev-parse HEAD:actions)" "$(cache_file)"; }

# Every listing form, with the cache (run twice: built, then read) and without.
all_outputs() { # DIR
    mkdir -p "$1"
    local f
    for f in json csv text md html; do
        "$GOVERN" --as-of 2020-05-01 actions --status all --format "$f" > "$1/$f" 2>&1 || echo "exit $?" >> "$1/$f"
    done
    "$GOVERN" --as-of 2020-05-01 actions --committee hcssg --format json > "$1/hcssg" 2>&1
    "$GOVERN" --as-of 2020-05-01 actions --overdue --format csv > "$1/overdue" 2>&1
    "$GOVERN" --as-of 2020-05-01 actions report --from 2020-01-01 --to 2020-05-01 > "$1/report" 2>&1
    "$GOVERN" --as-of 2020-05-01 --rev HEAD~1 actions --status all --format json > "$1/rev" 2>&1
    "$GOVERN" --as-of 2020-05-01 check > "$1/check" 2>&1 || echo "exit $?" >> "$1/check"
}
same_dirs() { # A B LABEL
    if diff -r "$1" "$2" > "$TEST_TMP/diff.txt"; then
        pass
    else
        fail "$3: outputs differ"
        head -20 "$TEST_TMP/diff.txt" | sed 's/^/  /'
    fi
}

section "byte-identical with and without the cache"
GOVERN_NO_CACHE=1 all_outputs "$TEST_TMP/nocache"
if [ -e "$GITDIR/govern" ] && ls "$GITDIR/govern" | grep -q '^cache-'; then
    fail "GOVERN_NO_CACHE=1 wrote a cache"
else
    pass
fi
all_outputs "$TEST_TMP/first"
[ -f "$(cache_file)" ] && cache_of_head && pass || fail "no cache for the tree of actions/ in HEAD"
git status --porcelain --ignored | grep -q . && fail "the cache shows in git status" || pass
all_outputs "$TEST_TMP/second"
same_dirs "$TEST_TMP/nocache" "$TEST_TMP/first" "building the cache"
same_dirs "$TEST_TMP/nocache" "$TEST_TMP/second" "reading the cache"
python3 -m json.tool "$TEST_TMP/second/json" > /dev/null && pass || fail "cached JSON does not parse"

section "an unchanged register reads the cache without rewriting it"
before=$(stat -c '%i %Y.%y' "$(cache_file)")
expect_ok --as-of 2020-05-01 actions --status all --format json
[ "$(stat -c '%i %Y.%y' "$(cache_file)")" = "$before" ] && pass || fail "the cache was rewritten"

section "uncommitted hand edits in the work tree are seen"
cp actions/CDJSC-2020-003.md "$TEST_TMP/keep.md"
sed -i 's/^owner: Hart DC$/owner: Hart DX/' actions/CDJSC-2020-003.md
expect_ok --as-of 2020-05-01 actions --status all --format json
out_has '"owner": "Hart DX"'
out_lacks '"owner": "Hart DC"'
GOVERN_NO_CACHE=1 "$GOVERN" --as-of 2020-05-01 actions --status all --format json > "$TEST_TMP/nc.json"
cmp -s "$OUT" "$TEST_TMP/nc.json" && pass || fail "hand edit: output differs from GOVERN_NO_CACHE=1"
cp "$TEST_TMP/keep.md" actions/CDJSC-2020-003.md
# a new, uncommitted file
sed 's/CDJSC-2020-003/CDJSC-2020-099/; s/^No due date$/Hand-written action/' "$TEST_TMP/keep.md" > actions/CDJSC-2020-099.md
expect_ok --as-of 2020-05-01 actions --status all --format json
out_has '"id": "CDJSC-2020-099"'
out_has 'Hand-written action'
rm actions/CDJSC-2020-099.md
# a deleted file
rm actions/CDJSC-2020-004.md
expect_ok --as-of 2020-05-01 actions --status all --format json
out_lacks '"id": "CDJSC-2020-004"'
git checkout -q -- actions/
all_outputs "$TEST_TMP/restored"
same_dirs "$TEST_TMP/nocache" "$TEST_TMP/restored" "after restoring the work tree"

section "a commit moves the cache to the new tree"
cp "$(cache_file)" "$TEST_TMP/old-tree.bin"
expect_ok --as-of 2020-05-02 action update CDJSC-2020-003 --status done --note "Closed"
expect_ok --as-of 2020-05-02 actions --status all --format json
grep -A12 '"id": "CDJSC-2020-003"' "$OUT" | grep -q '"status": "done"' && pass || fail "the commit was not seen"
cache_of_head && pass || fail "no cache for the new tree"
[ "$(ls "$GITDIR/govern" | grep -c '^cache-')" = 1 ] && pass || fail "the cache of the old tree was left behind"
GOVERN_NO_CACHE=1 "$GOVERN" --as-of 2020-05-02 actions --status all --format json > "$TEST_TMP/nc.json"
cmp -s "$OUT" "$TEST_TMP/nc.json" && pass || fail "after a commit: output differs from GOVERN_NO_CACHE=1"
GOVERN_NO_CACHE=1 all_outputs "$TEST_TMP/nocache2"

section "a corrupt, truncated, empty or foreign cache is ignored and rewritten"
corrupt() { # LABEL COMMAND...
    local label=$1
    shift
    "$@"
    all_outputs "$TEST_TMP/c-$label"
    same_dirs "$TEST_TMP/nocache2" "$TEST_TMP/c-$label" "$label cache"
    python3 - "$(cache_file)" "$label" << 'EOF' && cache_of_head && pass || fail "$label cache was not rewritten"
import os, sys
data = open(sys.argv[1], "rb").read()
sys.exit(0 if data[:8] == b"GVCACHE1" and len(data) > 200 else 1)
EOF
}
flip() { python3 -c '
import sys
p = sys.argv[1]; b = bytearray(open(p, "rb").read()); b[len(b) // 2] ^= 0x20
open(p, "wb").write(bytes(b))' "$(cache_file)"; }
truncate_half() { truncate -s $(( $(stat -c %s "$(cache_file)") / 2 )) "$(cache_file)"; }
empty() { : > "$(cache_file)"; }
garbage() { head -c 5000 /dev/urandom > "$(cache_file)"; }
# a well-formed cache of another tree: the one before the last commit
foreign() { cp "$TEST_TMP/old-tree.bin" "$(cache_file)"; }
corrupt flipped flip
corrupt truncated truncate_half
corrupt empty empty
corrupt garbage garbage
corrupt foreign foreign
# a cache of another format of the register (its key names the format)
oldver() { python3 -c '
import sys
p = sys.argv[1]; b = bytearray(open(p, "rb").read()); i = b.index(b"register-")
b[i + 9] = ord("3")
open(p, "wb").write(bytes(b))' "$(cache_file)"; }
corrupt old-version oldver

section "govern fsck reports a damaged cache and --repair removes it"
expect_ok fsck
flip
expect_fail 1 fsck
out_has "cache-actions.bin"
expect_ok fsck --repair
[ ! -e "$(cache_file)" ] && pass || fail "fsck --repair left the damaged cache"
expect_ok --as-of 2020-05-02 actions --status all --format json
cache_of_head && pass || fail "the cache was not rebuilt after fsck --repair"

section "the clean stamp of the work tree"
# timestamps less than a second old are never trusted: let them age
sleep 1.2
expect_ok --as-of 2020-05-02 actions --status all --format json
[ -f "$GITDIR/govern/worktree-actions.stamp" ] && pass || fail "no clean stamp written"
cp "$OUT" "$TEST_TMP/stamped.json"
expect_ok --as-of 2020-05-02 actions --status all --format json
cmp -s "$OUT" "$TEST_TMP/stamped.json" && pass || fail "reading through the stamp changed the output"
# an in-place edit of the same size that puts the old mtime back: ctime still moves
cp -p actions/CDJSC-2020-002.md "$TEST_TMP/ref.md"
sed -i 's/^owner: Chief Constable$/owner: Chief Constablx/' actions/CDJSC-2020-004.md
touch -r "$TEST_TMP/ref.md" actions/CDJSC-2020-004.md
expect_ok --as-of 2020-05-02 actions --status all --format json
out_has '"owner": "Chief Constablx"'
git checkout -q -- actions/
sleep 1.2
expect_ok --as-of 2020-05-02 actions --status all --format json
cmp -s "$OUT" "$TEST_TMP/stamped.json" && pass || fail "after restoring: output differs"
# a corrupt stamp is ignored
printf 'junk' > "$GITDIR/govern/worktree-actions.stamp"
sed -i 's/^owner: Hart DC$/owner: Hart DY/' actions/CDJSC-2020-003.md
expect_ok --as-of 2020-05-02 actions --status all --format json
out_has '"owner": "Hart DY"'
git checkout -q -- actions/

section "an end-of-line filter set after the stamp"
sleep 1.2
expect_ok --as-of 2020-05-02 actions --status all --format json
cp "$OUT" "$TEST_TMP/lf.json"
# the files the stamp vouches for are unchanged: their bytes are still the blobs
git config core.autocrlf true
expect_ok --as-of 2020-05-02 actions --status all --format json
cmp -s "$OUT" "$TEST_TMP/lf.json" && pass || fail "autocrlf, files unchanged: output differs"
# checked out again with CRLF: the stamp no longer answers, the filter is seen
rm actions/*.md
git checkout -q -- actions/
grep -q $'\r' actions/CDJSC-2020-002.md && pass || fail "autocrlf did not convert the files"
expect_ok --as-of 2020-05-02 actions --status all --format json
GOVERN_NO_CACHE=1 "$GOVERN" --as-of 2020-05-02 actions --status all --format json > "$TEST_TMP/nc.json"
cmp -s "$OUT" "$TEST_TMP/nc.json" && pass || fail "CRLF work tree: output differs from GOVERN_NO_CACHE=1"
cmp -s "$OUT" "$TEST_TMP/lf.json" && fail "CRLF work tree served from the LF cache" || pass
git config --unset core.autocrlf
rm actions/*.md
git checkout -q -- actions/

section "a bare clone reads the cache of its HEAD"
git clone -q --bare "$TEST_TMP/store" "$TEST_TMP/bare.git"
expect_ok -C "$TEST_TMP/bare.git" --as-of 2020-05-02 actions --status all --format json
cmp -s "$OUT" "$TEST_TMP/stamped.json" && pass || fail "bare: output differs"
[ -f "$TEST_TMP/bare.git/govern/cache-actions.bin" ] && pass || fail "bare: no cache"
expect_ok -C "$TEST_TMP/bare.git" --as-of 2020-05-02 actions --status all --format json
cmp -s "$OUT" "$TEST_TMP/stamped.json" && pass || fail "bare, cached: output differs"

finish
