# Shared set-up for the teamwork tests: a store with a committee and three
# held meetings with draft minutes, a bare hub cloned from it (the council's server, reached
# over file://), and clerks' clones of the hub.  Sourced after ../cli/lib.sh.

# make_hub: $TEST_TMP/seed (the first clerk's store) and $TEST_TMP/hub.git.
make_hub() {
    new_store "$TEST_TMP/seed" --body "Basingstoke and Deane Borough Council"
    expect_ok committee add cdjsc --name "Crime and Disorder Joint Scrutiny Committee" \
        --short-name CDJSC --quorum 1
    expect_ok member add cdjsc "Councillor P Miller" --role chair
    for d in 2026-01-11 2026-01-12 2026-01-13; do
        expect_ok meeting new cdjsc --date $d
        expect_ok --as-of $d meeting held cdjsc/$d
        expect_ok --as-of $d minutes draft cdjsc/$d
        expect_ok --as-of $d minutes attend cdjsc/$d "Councillor P Miller" --present
    done
    git clone -q --bare "$TEST_TMP/seed" "$TEST_TMP/hub.git"
    HUB="file://$TEST_TMP/hub.git"
}

# clerk NAME: a clone of the hub in $TEST_TMP/NAME, set up for govern.
clerk() {
    git clone -q "$HUB" "$TEST_TMP/$1"
    at "$TEST_TMP/$1" expect_ok sync --setup
}

# guard_hub: the seed approves the first meeting's minutes (tagged), pushes
# them with their tag, and installs govern's pre-receive hook in the hub.
guard_hub() {
    cd "$TEST_TMP/seed" || exit 1
    expect_ok --as-of 2026-01-12 minutes approve cdjsc/2026-01-11 --at cdjsc/2026-01-12
    git push -q "$TEST_TMP/hub.git" main --tags
    expect_ok hook install "$TEST_TMP/hub.git"
    out_has "hooks/pre-receive"
}
