#!/bin/sh
# big-child.sh MODE N OUT: a census return (LA 999, year 2024) of one child
# with N referrals, for make bench's check that the validation is not
# quadratic in a child's records.  MODE referrals: N CIN episodes, each a
# referral closed the next day; MODE episodes: N episodes, each with an
# assessment, a CIN plan, a section 47 enquiry, a protection plan and its
# review.  The episodes follow one another without overlapping (every
# pairwise rule must look at every other record to find nothing), three
# days apart, ending in the census year.
set -eu
[ $# -eq 3 ] || { echo "usage: big-child.sh referrals|episodes N OUT" >&2; exit 2; }
mode=$1 n=$2 out=$3
case $mode in referrals|episodes) ;; *) echo "big-child.sh: no mode $mode" >&2; exit 2 ;; esac
awk -v mode="$mode" -v n="$n" '
function iso(z,   era, doe, yoe, y, doy, mp, d, m) {   # days since 1970-01-01
    z += 719468; era = int(z / 146097); doe = z - era * 146097
    yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
    y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
    mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
    m = mp < 10 ? mp + 3 : mp - 9
    return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
}
BEGIN {
    last = 19782                                      # 2024-02-29
    print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    print "<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2024</Year>"
    print "<ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails><Source><SourceLevel>L</SourceLevel>"
    print "<LEA>999</LEA><SoftwareCode>big-child</SoftwareCode><Release>1</Release><SerialNo>1</SerialNo>"
    print "<DateTime>2024-05-01T09:00:00</DateTime></Source></Header><Children><Child>"
    print "<ChildIdentifiers><LAchildID>BIG0000001</LAchildID><UPNunknown>UN5</UPNunknown>"
    print "<PersonBirthDate>" iso(last - 3 * n - 100) "</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>"
    print "<ChildCharacteristics><Ethnicity>WBRI</Ethnicity><Disabilities><Disability>NONE</Disability>"
    print "</Disabilities></ChildCharacteristics>"
    for (i = n - 1; i >= 0; i--) {
        r = iso(last - 3 * i); e = iso(last - 3 * i + 1)
        print "<CINdetails><CINreferralDate>" r "</CINreferralDate><ReferralSource>1A</ReferralSource>"
        print "<PrimaryNeedCode>N1</PrimaryNeedCode><CINclosureDate>" e "</CINclosureDate>"
        print "<ReasonForClosure>RC1</ReasonForClosure>"
        if (mode == "episodes") {
            print "<Assessments><AssessmentActualStartDate>" r "</AssessmentActualStartDate>"
            print "<AssessmentAuthorisationDate>" e "</AssessmentAuthorisationDate>"
            print "<FactorsIdentifiedAtAssessment><AssessmentFactors>1A</AssessmentFactors>"
            print "</FactorsIdentifiedAtAssessment></Assessments>"
            print "<CINPlanDates><CINPlanStartDate>" r "</CINPlanStartDate><CINPlanEndDate>" r "</CINPlanEndDate></CINPlanDates>"
            print "<Section47><S47ActualStartDate>" r "</S47ActualStartDate><InitialCPCtarget>" r "</InitialCPCtarget>"
            print "<DateOfInitialCPC>" r "</DateOfInitialCPC><ICPCnotRequired>false</ICPCnotRequired></Section47>"
            print "<ChildProtectionPlans><CPPstartDate>" r "</CPPstartDate><CPPendDate>" e "</CPPendDate>"
            print "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>"
            print "<NumberOfPreviousCPP>0</NumberOfPreviousCPP><Reviews><CPPreviewDate>" e "</CPPreviewDate></Reviews>"
            print "</ChildProtectionPlans>"
        }
        print "<ReferralNFA>false</ReferralNFA></CINdetails>"
    }
    print "</Child></Children></Message>"
}' >"$out"
