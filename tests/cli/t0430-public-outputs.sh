#!/usr/bin/env bash
# Security: no registered public output ever prints an exempt or private
# field.  The outputs are not listed here: `govern help --public-outputs`
# gives every invocation a command or plugin registered as public, and each
# runs, in each format, for every meeting, committee and decision, on a store
# whose every exempt and private field holds its own sentinel, including the
# hand-written oddities (exempt: 8, "3", true, a minute without its exempt:
# line, minutes that do not parse, a symbolic link, a draft agenda).  An
# output with a placeholder this test does not know fails it, and so does an
# output that never succeeds (it would prove nothing).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/public-store.sh"
setup_public_store

section "the sentinels are in the store, and the working forms show them"
for s in "${PUBLIC_SENTINELS[@]}"; do
    grep -rqF -- "$s" --exclude-dir=.git . || fail "sentinel $s is not in the store"
done
expect_ok agenda show grp/2021-07-01
out_has LEAK-AG-PURPOSE-3
expect_ok minutes show grp/2021-07-01
out_has LEAK-MIN-NOLINE
expect_ok actions --status all
out_has LEAK-ACT-DRAFTY-OWNER

section "every registered public output, in every format, leaks nothing"
printf '%s\n' "${PUBLIC_SENTINELS[@]}" >"$TEST_TMP/sentinels"
expect_ok help --public-outputs
cp "$OUT" "$TEST_TMP/outputs"
assert_eq "$(grep -c . "$TEST_TMP/outputs")" "$(sort -u "$TEST_TMP/outputs" | grep -c .)" \
    "public outputs listed once each"
MEETINGS=$(find . -path ./.git -prune -o -name meeting.md -print | sed 's|^\./||; s|/meeting.md$||' | sort)
COMMITTEES=$(find . -path ./.git -prune -o -name committee.md -print | sed 's|^\./||; s|/committee.md$||' | sort)
DECISIONS=$(ls decisions | sed 's/\.md$//')
ENTRIES=$(ls forward-plan | sed 's/\.md$//')
# expand LINE: every invocation of a listed output, one per line
expand() {
    local line=$1 p v
    case $line in *'{cycle}'*) line=${line//\{cycle\}/rep}; line=${line//\{period\}/2021} ;; esac
    for p in meeting committee decision forward-plan; do
        case $line in *"{$p}"*)
            case $p in
            meeting) vals=$MEETINGS ;; committee) vals=$COMMITTEES ;;
            decision) vals=$DECISIONS ;; forward-plan) vals=$ENTRIES ;;
            esac
            for v in $vals; do expand "${line//\{$p\}/$v}"; done
            return ;;
        esac
    done
    printf '%s\n' "$line"
}
runs=0
while IFS= read -r output; do
    [ -n "$output" ] || continue
    ok=0
    while IFS= read -r inv; do
        case $inv in *'{dir}'*) ;; *'{'*'}'*)
            fail "public output '$output': a placeholder this test does not fill"
            continue ;;
        esac
        dir=$TEST_TMP/feeds.$runs
        rm -rf "$dir"
        mkdir -p "$dir"
        inv=${inv//\{dir\}/$dir}
        # shellcheck disable=SC2086
        run --as-of 2022-07-01 $inv
        runs=$((runs + 1))
        [ "$RC" -eq 0 ] && ok=$((ok + 1))
        # a workbook is a zip: its sheets' and strings' XML is what a reader sees
        case $inv in *'--format xlsx'*)
            python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sys.stdout.write("".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")))' \
                "$OUT" >"$dir/xlsx.xml" || fail "not a workbook: govern $inv" ;;
        esac
        if leaked=$(grep -rhoF -f "$TEST_TMP/sentinels" "$OUT" "$dir" | sort -u | tr '\n' ' ') &&
            [ -n "$leaked" ]; then
            fail "public output leaks $leaked: govern $inv"
        else
            pass
        fi
    done < <(expand "$output")
    [ "$ok" -gt 0 ] && pass || fail "public output '$output' never succeeded"
done <"$TEST_TMP/outputs"
[ "$runs" -gt 50 ] && pass || fail "only $runs public runs"

section "the public forms are real: open content and withheld titles"
expect_ok --as-of 2022-07-01 agenda show grp/2021-07-01 --public
out_has OPEN-PURPOSE-0a0a
out_has ". Staffing"
out_has "Odd eight"
expect_ok --as-of 2022-07-01 minutes show grp/2021-07-01 --public
out_has OPEN-MINUTE-1b1b
out_has "Not for publication"
expect_ok --as-of 2022-07-01 actions --public --status all
out_has OPEN-ACTION-2c2c
out_has OPEN-OWNER-3d3d
expect_ok --as-of 2022-07-01 agenda show grp/2021-12-01 --public
out_has "Action log"
out_has OPEN-ACTION-2c2c
expect_ok --as-of 2022-07-01 decision show 2021-09-10-open-decision --public
out_has OPEN-DECISION-4e4e
expect_ok --as-of 2022-07-01 forward-plan --public
out_has "Private plan"
expect_ok --as-of 2022-07-01 forward-plan show 2022-08-20-open-plan --public
out_has OPEN-FP-DESC-6a6a
expect_ok --as-of 2022-07-01 risks --public
out_has OPEN-RISK-5f5f
out_has GRP-R-001
expect_ok --as-of 2022-07-01 agenda show grp/2021-12-01 --public
out_has "Risk log"

section "what cannot be decided is named in a warning"
expect_ok --as-of 2022-07-01 actions --public --status all
err_has "grp/2021-09-01/minutes.md"
err_has "grp/2021-10-20/minutes.md"

finish
