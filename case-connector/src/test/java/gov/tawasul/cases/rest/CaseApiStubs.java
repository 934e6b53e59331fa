package gov.tawasul.cases.rest;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/** Answers of the case-management API (README, "Case-management API contract") stubbed on a {@link CaseApiWireMock}. */
public final class CaseApiStubs {

    private CaseApiStubs() {
    }

    /**
     * Stubs {@code GET /api/cases/{encodedCaseNumber}}: only that exact (encoded) path matches.
     *
     * @param api               the server ({@link InjectCaseApi})
     * @param encodedCaseNumber the case number as one percent-encoded path segment, e.g. {@code 2024%2F12345}
     * @param status            HTTP status of the answer
     * @param json              body, sent as {@code application/json; charset=utf-8}
     */
    public static void answer(WireMockServer api, String encodedCaseNumber, int status, String json) {
        api.stubFor(get(urlEqualTo(CaseApiWireMock.CASES + encodedCaseNumber)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(json)));
    }
}
