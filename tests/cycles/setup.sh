# Shared fixture of the cycle tests (sourced after ../cli/lib.sh): a store
# with Cabinet, the HCSSG, the joint scrutiny committee and the CSP, and
# meetings whose dates put every status at a boundary.
#   cab  annual, due at the first Cabinet meeting in December, since 2021:
#        cabinet/2021-12-07 (held) carries its report; cabinet/2022-12-06 is
#        scheduled with no report; no Cabinet meeting in December 2023.
#   csp  annual, due 09-30, crime and disorder review of snh-csp by cdjsc,
#        since 2019: cdjsc/2019-12-16 carries the 2019 review (late).
setup_store() {
    new_store "$TEST_TMP/store" --body "Hampshire County Council"
    expect_ok committee add cabinet --name Cabinet --kind executive
    expect_ok committee add hcssg --name "Hampshire Community Safety Strategy Group" --kind partnership
    expect_ok committee add cdjsc --name "Crime and Disorder Joint Scrutiny Committee"
    expect_ok committee add snh-csp --name "Safer North Hampshire CSP" --kind partnership
    expect_ok cycle add cab --name "HCSSG annual report to Cabinet" --owner hcssg --to cabinet \
        --period annual --due "first meeting of cabinet in December" --since 2021
    expect_ok cycle add csp --name "CSP annual review" --owner snh-csp --to cdjsc \
        --period annual --due 09-30 --statutory crime-and-disorder --since 2019
    expect_ok meeting new cabinet --date 2021-11-02
    expect_ok meeting new cabinet --date 2021-12-07
    expect_ok agenda add cabinet/2021-12-07 "Hampshire Community Safety Strategy Group" --fulfils cab
    expect_ok meeting new cabinet --date 2022-12-06
    expect_ok meeting new cdjsc --date 2019-12-16
    expect_ok agenda add cdjsc/2019-12-16 "Performance review of the CSP 2018-19" --fulfils csp
    expect_ok meeting held cabinet/2021-12-07
    expect_ok meeting held cabinet/2021-11-02
    expect_ok meeting held cdjsc/2019-12-16
}
