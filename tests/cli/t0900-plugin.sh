#!/usr/bin/env bash
# External plugins (tests/plugin/hello.c): loaded from
# $XDG_DATA_HOME/govern/plugins (or ~/.local/share/govern/plugins), listed as
# external, its command, check rule and agenda contributor all work; a build
# with the wrong ABI version is refused with a message naming both versions
# (and govern still works); a plugin directory inside the store's repository
# is never loaded.
. "$(dirname "$0")/lib.sh"

: "${HELLO_PLUGIN:?set HELLO_PLUGIN to hello.so}"
: "${HELLO_WRONG_ABI_PLUGIN:?set HELLO_WRONG_ABI_PLUGIN to hello-wrong-abi.so}"
for f in "$HELLO_PLUGIN" "$HELLO_WRONG_ABI_PLUGIN"; do
    [ -f "$f" ] || { echo "no plugin at $f" >&2; exit 1; }
done

PLUGDIR=$XDG_DATA_HOME/govern/plugins
mkdir -p "$PLUGDIR"
ABI=$("$GOVERN" --version | sed -n 's/.*(plugin ABI \([0-9]*\)).*/\1/p')
[ -n "$ABI" ] && pass || fail "cannot read the plugin ABI from govern --version"

section "without the plugin"
cd "$TEST_TMP" || exit 1
expect_fail 2 hello
expect_ok plugins
out_lacks "hello"

section "the plugin is loaded from \$XDG_DATA_HOME/govern/plugins and listed as external"
cp "$HELLO_PLUGIN" "$PLUGDIR/hello.so"
expect_ok plugins
grep -qE '^hello +1\.0 +external +external test plugin' "$OUT" && pass ||
    { fail "'govern plugins' does not list hello as external"; _show_last; }
out_has "from $PLUGDIR/hello.so"
grep -qE '^core +.* built-in ' "$OUT" && pass || fail "the core plugin is listed as built-in"
assert_eq "$(wc -c <"$ERR")" 0 "bytes on stderr"
expect_ok plugins --format json
json_valid
json_expect "j['abi'] == $ABI"
json_expect "[p for p in j['plugins'] if p['name'] == 'hello'] == [{'name': 'hello', 'version': '1.0', 'origin': '$PLUGDIR/hello.so', 'summary': 'external test plugin: a command, a check rule, an agenda item'}]"

section "its command runs"
expect_ok hello
expect_stdout <<'EOF'
Hello, world! (from the hello plugin)
EOF
expect_ok hello Clerk
expect_stdout <<'EOF'
Hello, Clerk! (from the hello plugin)
EOF
expect_fail 2 hello too many
expect_message
expect_ok help
grep -qE '^  hello +say hello \(external test plugin\)' "$OUT" && pass || fail "'govern help' lists hello"
expect_ok help hello
out_has "Usage: govern hello [NAME]"
expect_ok hello --help
out_has "Usage: govern hello [NAME]"

section "its check rule runs in govern check"
new_store "$TEST_TMP/store" --body "Plugin Council"
expect_ok committee add csp --name "Community Safety Partnership" --cadence quarterly
expect_ok committee add adhoc --name "Ad hoc panel"
expect_fail 1 check --as-of 2021-01-01
expect_stdout <<'EOF'
adhoc/committee.md:1: [hello-cadence] committee 'adhoc' has no cadence (hello plugin)
EOF
expect_fail 1 check --as-of 2021-01-01 --format json
json_expect "j['problems'] == [{'path': 'adhoc/committee.md', 'line': 1, 'rule': 'hello-cadence', 'message': \"committee 'adhoc' has no cadence (hello plugin)\"}]"
expect_ok help check
out_has "hello-cadence"

section "its agenda contributor adds a standing item to a new meeting's agenda"
expect_ok meeting new csp --date 2021-06-14
expect_ok agenda show csp/2021-06-14 --format json
json_expect "[i['title'] for i in j['items']][-1] == 'Hello standing item'"
json_expect "j['items'][-1]['purpose'] == 'Added by the hello test plugin to every new agenda.'"
file_has csp/2021-06-14/agenda.md "source: hello"
expect_ok agenda publish csp/2021-06-14 --date 2021-06-01
expect_ok agenda show csp/2021-06-14 --public
out_has "Hello standing item"
expect_ok meeting new csp --date 2021-07-12
file_has csp/2021-07-12/agenda.md "Hello standing item"
assert_clean_worktree
cp csp/2021-07-12/agenda.md "$TEST_TMP/agenda-with-plugin"

section "the default directory is ~/.local/share/govern/plugins"
(
    unset XDG_DATA_HOME
    run plugins
    grep -qE '^hello +1\.0 +external' "$OUT"
) && pass || fail "hello not loaded from ~/.local/share/govern/plugins"
mkdir -p "$TEST_TMP/otherhome"
HOME=$TEST_TMP/otherhome XDG_DATA_HOME='' run plugins
out_lacks "hello"

section "a plugin built for another ABI is refused, and govern still works"
WRONGDIR=$TEST_TMP/wrong/govern/plugins
mkdir -p "$WRONGDIR"
cp "$HELLO_WRONG_ABI_PLUGIN" "$WRONGDIR/hello-wrong-abi.so"
export XDG_DATA_HOME=$TEST_TMP/wrong
expect_ok plugins
out_lacks "hello"
err_has "$WRONGDIR/hello-wrong-abi.so"
err_has "plugin ABI version $((ABI + 1)), but this govern needs $ABI"
expect_fail 2 hello
err_has "plugin ABI version $((ABI + 1))"
expect_ok committee list
out_has "Community Safety Partnership"
expect_ok check --as-of 2021-01-01
expect_ok meeting new csp --date 2021-09-13
file_lacks csp/2021-09-13/agenda.md "Hello standing item"
# both in one directory: the good one loads, the wrong one is refused
cp "$HELLO_PLUGIN" "$WRONGDIR/hello.so"
expect_ok plugins
grep -qE '^hello +1\.0 +external' "$OUT" && pass || fail "hello.so next to a wrong-ABI build"
err_has "plugin ABI version $((ABI + 1)), but this govern needs $ABI"
expect_ok hello
export XDG_DATA_HOME=$HOME/.local/share

section "a plugin directory inside the store's repository is not loaded"
INREPO=$TEST_TMP/store/tools/xdg
mkdir -p "$INREPO/govern/plugins"
cp "$HELLO_PLUGIN" "$INREPO/govern/plugins/hello.so"
git_commit_all "A plugin in the repository"
snapshot_repo .
XDG_DATA_HOME=$INREPO run plugins
assert_eq "$RC" 0 "exit status of 'govern plugins'"
out_lacks "hello"
err_has "warning"
err_has "$INREPO/govern/plugins"
err_has "inside the repository"
XDG_DATA_HOME=$INREPO run hello
assert_eq "$RC" 2 "'govern hello' from a plugin in the repository"
XDG_DATA_HOME=$INREPO run check --as-of 2021-01-01
out_lacks "hello-cadence"
err_has "inside the repository"
XDG_DATA_HOME=$INREPO run committee list
assert_eq "$RC" 0 "committee list"
err_has "inside the repository"
assert_repo_unchanged .
# the same from a nested directory, and with -C from outside
at csp env XDG_DATA_HOME="$INREPO" "$GOVERN" plugins >"$OUT" 2>"$ERR"
check_sanitizers
out_lacks "hello"
err_has "inside the repository"
cd "$TEST_TMP" || exit 1
XDG_DATA_HOME=$INREPO run -C store plugins
out_lacks "hello"
err_has "inside the repository"
# a store in a subdirectory: plugins anywhere in the larger repository are refused
git init -q big && mkdir -p big/tools/xdg/govern/plugins &&
    cp "$HELLO_PLUGIN" big/tools/xdg/govern/plugins/hello.so || exit 1
expect_ok -C big init meetings
XDG_DATA_HOME=$TEST_TMP/big/tools/xdg run -C big/meetings plugins
out_lacks "hello"
err_has "inside the repository"
# a symbolic link from outside into the repository does not get around it
ln -s "$INREPO" "$TEST_TMP/link-to-repo"
XDG_DATA_HOME=$TEST_TMP/link-to-repo run -C store plugins
out_lacks "hello"
err_has "inside the repository"

finish
