package gov.tawasul.cases.rest;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.cases.CaseLookupContractTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CaseLookupContractTest} for the REST connector: WireMock serves the contract's cases as the README's
 * case-API JSON, each only at its exactly encoded path, and 404 for the unknown number. After each test, no request
 * may have missed those paths.
 */
@QuarkusTest
@TestProfile(RestConnectorProfile.class)
class RestCaseLookupContractTest extends CaseLookupContractTest {

    @InjectCaseApi
    WireMockServer caseApi;

    @BeforeEach
    void serveTheContractCases() {
        caseApi.resetAll();
        CaseApiStubs.answer(caseApi, "1447-000101", 200, """
                {"caseNumber":"1447-000101","status":"UNDER_REVIEW",
                 "statusLabel":{"ar":"قيد الدراسة","en":"Under review"},
                 "department":{"ar":"إدارة التراخيص","en":"Licensing Department"},
                 "nextStep":{"ar":"أرفق صورة \\"السجل التجاري\\"، ثم أعد الإرسال",
                             "en":"Attach the \\"commercial register\\", then resubmit"},
                 "updatedAt":"2026-11-20T09:30:00+03:00",
                 "contacts":[{"channel":"sms","address":"+966500000001"},
                             {"channel":"facebook","address":"2000000000000001"},
                             {"channel":"twitter","address":"1000000000000000002"}]}
                """);
        CaseApiStubs.answer(caseApi, "1447-000102", 200, """
                {"caseNumber":"1447-000102","status":"COMPLETED","statusLabel":{"ar":"مكتملة","en":"Completed"},
                 "updatedAt":"2026-11-18T10:05:00Z"}
                """);
        CaseApiStubs.answer(caseApi, "1447-000103", 200, """
                {"caseNumber":"1447-000103","status":"AWAITING_DOCUMENTS",
                 "statusLabel":{"ar":"بانتظار المستندات","en":"Awaiting documents"},
                 "department":{"ar":"إدارة الأحوال المدنية"},
                 "nextStep":{"en":"Upload a copy of your national ID"},
                 "updatedAt":"2026-11-18T13:05:00+03:00",
                 "contacts":[{"channel":"sms","address":"+966500000003"}]}
                """);
        CaseApiStubs.answer(caseApi, "2024%2F000104", 200, """
                {"caseNumber":"2024/000104","status":"REJECTED","statusLabel":{"ar":"مرفوضة","en":"Rejected"},
                 "department":{"ar":"إدارة الشؤون القانونية","en":"Legal Affairs Department"},
                 "nextStep":{"ar":"يمكنكم تقديم اعتراض خلال ٣٠ يوماً من تاريخ القرار",
                             "en":"You may file an objection within 30 days of the decision"},
                 "updatedAt":"2026-07-19T10:00:00+03:00",
                 "contacts":[{"channel":"twitter","address":"1000000000000000005"},
                             {"channel":"facebook","address":"2000000000000004"}]}
                """);
        CaseApiStubs.answer(caseApi, "1447-999999", 404, "{\"error\":\"no such case\"}");
    }

    @AfterEach
    void everyRequestWasForAServedPath() {
        assertThat(caseApi.findAllUnmatchedRequests()).isEmpty();
    }
}
