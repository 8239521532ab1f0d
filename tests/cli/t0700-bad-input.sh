#!/usr/bin/env bash
# Bad input gives a clear message (naming the file, and the line where there
# is a file), a non-zero exit (2 for usage errors), and leaves the repository
# exactly as it was: bad dates, unknown committees and meetings, slugs and
# ids that try to leave the store, and hostile files (YAML anchors and
# aliases, tags, deep nesting, huge collections, duplicate keys, a 2 MB file,
# bytes that are not UTF-8, NUL bytes, typos in field names, symbolic links).
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Test Council"
expect_ok committee add cds --name "Crime and Disorder Scrutiny"
expect_ok member add cds "Cllr Ann Archer" --role chair
expect_ok meeting new cds --date 2021-06-14
expect_ok meeting new cds --date 2021-07-12
M=cds/2021-06-14
BASE=$(git rev-parse HEAD)
echo "OUTSIDE-SECRET-0e0e" >"$TEST_TMP/outside.txt"
ls -A "$TEST_TMP" | grep -v '^\.std' >"$TEST_TMP/.std-before"

# refused ARGS: exit 1 with a message (loops take one snapshot of the
# repository around them: every command in them must leave it unchanged)
refused() { expect_fail 1 "$@" && expect_message; }

section "bad dates and times"
snapshot_repo .
# a malformed option value is a usage error (exit 2)
for d in 2021-02-30 2021-13-01 2021-00-10 2021-04-31 2100-02-29 21-06-01 2021-6-1 \
    "2021-06-01 " 2021-06-01x 20210601 ""; do
    expect_fail 2 meeting new cds --date "$d" && expect_message
    err_has "--date"
done
expect_refused 2 meeting new cds --date 2021-02-30
err_has "--date: 2021-02-30: February 2021 has 28 days"
err_lacks "invalid date '2021-02-30': invalid"
expect_refused 2 meeting new cds --date 2021-13-01
err_has "2021-13-01: there is no month 13"
for t in 24:00 10:60 9:00 10h 1000 -1:00; do
    expect_fail 2 meeting new cds --date 2021-08-02 --time "$t" && expect_message
done
assert_repo_unchanged .
expect_refused 2 member add cds "X" --from 2021-02-30
expect_refused 2 member end cds "Cllr Ann Archer" --date 2021-13-01
expect_refused 2 agenda publish $M --date 2021-02-30
expect_refused 2 meeting list --from 2021-13-01
expect_refused 2 meeting list --to 2021-02-30
expect_refused 2 --as-of 2021-02-30 check
expect_refused 2 --as-of 2021-13-01 meeting list

section "unknown committees and meetings"
expect_refused 1 committee show nosuch
err_has "unknown committee 'nosuch'"
expect_refused 1 member add nosuch "X"
err_has "nosuch"
expect_refused 1 member list nosuch
expect_refused 1 meeting new nosuch --date 2021-08-02
err_has "nosuch"
expect_refused 1 meeting show cds/2021-06-15
err_has "cds/2021-06-15"
expect_refused 1 meeting cancel cds/2021-06-15 --reason x
expect_refused 1 agenda show cds/2021-06-15
expect_refused 1 agenda add cds/2021-06-15 "Item"
err_has "cds/2021-06-15"
expect_refused 1 agenda publish nosuch/2021-06-14
expect_refused 1 log nosuch

section "slugs and ids that try to leave the store"
snapshot_repo .
for slug in a/b ../x .. . /etc /tmp/x x/.. .git .hidden 'a\b' 'A' 'a b' 'é' govern.yaml; do
    refused committee add "$slug" --name X
    refused member add "$slug" X
    refused committee show "$slug"
    refused meeting new "$slug" --date 2021-08-02
done
assert_repo_unchanged .
for id in ../cds/2021-06-14 cds/../cds/2021-06-14 /cds/2021-06-14 cds//2021-06-14 cds/2021-06-14/ \
    cds/2021-06-14/.. cds/./2021-06-14 "$TEST_TMP/store/cds/2021-06-14" cds/2021-06-14/../../x \
    cds cds/ /etc/passwd cds/2021-06-14-0 cds/2021-06-14-x .git/2021-06-14 cds/.2021-06-14; do
    refused meeting show "$id"
    refused agenda show "$id"
    refused agenda add "$id" "Item"
    refused meeting cancel "$id" --reason x
done
assert_repo_unchanged .
expect_refused 1 agenda add $M "Item" --fulfils ../../x
expect_refused 1 agenda add $M "Item" --fulfils /abs
expect_refused 1 meeting list --committee ../cds
expect_refused 1 log ../../etc/passwd
expect_refused 1 log /etc/passwd
expect_refused 1 --store ../.. committee list
expect_refused 1 --store /etc committee list
ls -A "$TEST_TMP" | grep -v '^\.std' | grep -v '^\.repo-state' >"$TEST_TMP/.std-after"
grep -v '^\.repo-state' "$TEST_TMP/.std-before" >"$TEST_TMP/.std-before2"
_expect_text "$TEST_TMP/.std-after" "$TEST_TMP/.std-before2" "files next to the store"
[ -e /etc/x ] || [ -e /tmp/x/committee.md ] && fail "a file was created outside the store" || pass

# hostile FILE CONTENT: commits CONTENT (printf format) to FILE, then every
# command that reads or writes it must refuse, naming FILE and (when given)
# LINE, and the repository must stay as it was.
hostile() {
    local file=$1 line=$2 content=$3 what=$4
    git reset -q --hard "$BASE"
    # shellcheck disable=SC2059
    printf -- "$content" >"$file"
    git add -A && git commit -q -m "Hostile $file: $what" || { fail "cannot commit $what"; return; }
    local where="$file:"
    [ -n "$line" ] && where="$file:$line:"
    local cmds
    case $file in
    cds/committee.md)
        cmds=("committee show cds" "committee list" "member list cds" "member add cds Someone"
            "meeting new cds --date 2021-08-02" "meeting list" "agenda show $M") ;;
    */meeting.md)
        cmds=("meeting show $M" "meeting list" "agenda show $M" "meeting cancel $M --reason x"
            "agenda add $M Item") ;;
    */agenda.md)
        cmds=("agenda show $M" "agenda show $M --public" "agenda add $M Item" "agenda publish $M --date 2021-06-01") ;;
    govern.yaml)
        cmds=("meeting new cds --date 2021-08-02") ;;
    esac
    local c
    snapshot_repo .
    for c in "${cmds[@]}"; do
        # shellcheck disable=SC2086
        expect_fail 1 $c || { echo "  ($what)"; continue; }
        err_has "govern: $where" || echo "  ($what)"
    done
    assert_repo_unchanged . || echo "  ($what)"
    expect_fail 1 check --as-of 2021-01-01
    out_has "$where" || echo "  ($what)"
    out_has "[parse]" || echo "  ($what)"
    # and the same from the commit
    expect_fail 1 --rev HEAD check --as-of 2021-01-01
    out_has "$where" || echo "  ($what)"
}

section "hostile committee files"
C=cds/committee.md
hostile $C 3 '---\nname: C\nnmae: typo\n---\n' "unknown field (typo)"
out_has "unknown field 'nmae'"
hostile $C 2 '---\nname: &a C\nshort_name: *a\n---\n' "anchor and alias"
hostile $C 3 '---\nname: C\nshort_name: *a\n---\n' "alias without anchor"
hostile $C 2 '---\nname: &x [a, *x]\n---\n' "recursive alias"
hostile $C 2 '---\nname: !!str C\n---\n' "tag"
hostile $C 2 '---\nname: !<tag:evil> C\n---\n' "local tag"
hostile $C 3 '---\nname: C\nname: D\n---\n' "duplicate key"
hostile $C 6 '---\nname: C\nmembers:\n- name: A\n  role: chair\n  role: member\n---\n' "duplicate nested key"
hostile $C 4 '---\nname: C\nmembers:\n- name: [[[[[[[[[[x]]]]]]]]]]\n---\n' "deep nesting"
hostile $C 3 "---\nname: C\ncadence: [$(printf '1,%.0s' $(seq 1 9000))1]\n---\n" "9000-entry list: not a string"
# (a list over the 10000-entry limit: t0720)
hostile $C 2 '---\nname: C\xff\xfeD\n---\n' "bytes that are not UTF-8"
hostile $C 2 '---\nname: C\xc0\xaf\n---\n' "overlong UTF-8"
hostile $C 4 '---\nname: C\n---\nbody \x00 NUL\n' "NUL byte"
hostile $C 3 '---\nname: C\nquorum: 2.5\n---\n' "bad number"
hostile $C 5 '---\nname: C\nmembers:\n- name: A\n  role: emperor\n---\n' "bad role"
hostile $C 5 '---\nname: C\nmembers:\n- name: A\n  from: 2021-02-30\n---\n' "bad date in a file"
hostile $C 3 '---\nname: [unclosed\n---\n' "YAML syntax error (found at the closing line)"
hostile $C 1 '---\nname: C\n' "front matter not closed"
hostile $C 1 'name: C\n' "no front matter"
hostile $C 2 '---\n- a list\n---\n' "front matter not a map"
hostile $C 3 '---\nname: C\nkind: cabal\n---\n' "bad kind"
hostile $C 2 '---\nname: "two\\nlines"\n---\n' "name with a newline"
# a 2 MB file
git reset -q --hard "$BASE"
{ printf -- '---\nname: C\n---\n'; head -c 2097152 /dev/zero | tr '\0' 'x'; } >$C
git add -A && git commit -q -m "2 MB committee file"
expect_refused 1 committee show cds
err_has "govern: $C"
err_has "too large"
expect_refused 1 member add cds "Someone"
err_has "govern: $C"
expect_fail 1 check --as-of 2021-01-01
out_has "$C:"
# a symbolic link pointing outside the store (and the repository)
git reset -q --hard "$BASE"
rm $C && ln -s "$TEST_TMP/outside.txt" $C && git add -A && git commit -q -m "symlink"
expect_refused 1 committee show cds
err_has "$C"
err_lacks "OUTSIDE-SECRET"
out_lacks "OUTSIDE-SECRET"
expect_refused 1 --rev HEAD committee show cds
err_lacks "OUTSIDE-SECRET"
expect_refused 1 member add cds "Someone"
[ -L $C ] && pass || fail "the symbolic link was replaced"
run check --as-of 2021-01-01
out_lacks "OUTSIDE-SECRET"
# (that check reports the link: t0720)

section "hostile meeting files"
MF=$M/meeting.md
hostile $MF 3 '---\nuid: x@govern\ndate: 2021-13-01\nstatus: scheduled\nsequence: 0\n---\n' "bad date"
hostile $MF 4 '---\nuid: x@govern\ndate: 2021-06-14\ntime: 25:00\nstatus: scheduled\nsequence: 0\n---\n' "bad time"
hostile $MF 4 '---\nuid: x@govern\ndate: 2021-06-14\nstatus: adjourned-sine-die\nsequence: 0\n---\n' "bad status"
hostile $MF 5 '---\nuid: x@govern\ndate: 2021-06-14\nstatus: scheduled\nsequnce: 0\n---\n' "typo"
hostile $MF 2 '---\nuid: &u x\ndate: 2021-06-14\n---\n' "anchor"

section "hostile agenda files"
AF=$M/agenda.md
hostile $AF 3 '---\nitems:\n- just a string\n---\n' "item that is not a map"
hostile $AF 4 '---\nitems:\n- title: A\n  standard: coffee\n---\n' "unknown standard item"
hostile $AF 4 '---\nitems:\n- title: A\n  titel: B\n---\n' "typo in an item"
hostile $AF 4 '---\nitems:\n- title: A\n  report: ../../../etc/passwd\n---\n' "report outside the store"
hostile $AF 4 '---\nitems:\n- title: A\n  report: /etc/passwd\n---\n' "absolute report path"
hostile $AF 2 '---\npublished: 2021-02-30\nitems: []\n---\n' "bad published date"
hostile $AF 2 '---\nitems: {a: 1}\n---\n' "items not a list"

section "hostile govern.yaml"
hostile govern.yaml 3 'format: 1\nbody: X\nbogus: 1\n' "unknown field"
hostile govern.yaml 3 'format: 1\nbody: X\ntimezone: Mars/Olympus_Mons\n' "unknown time zone"
hostile govern.yaml 3 'format: 1\nbody: X\nnotice_days: -4\n' "negative notice"
hostile govern.yaml 3 'format: 1\nbody: X\nyear_start: 02-30\n' "bad year start"
hostile govern.yaml 1 'format: 99\nbody: X\n' "unsupported format"
hostile govern.yaml 2 'format: 1\nbody: &b X\n' "anchor"

git reset -q --hard "$BASE"
expect_ok check --as-of 2021-01-01
assert_git_healthy
finish
