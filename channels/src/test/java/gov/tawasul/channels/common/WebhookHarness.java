package gov.tawasul.channels.common;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

/**
 * Runs {@link WebhookCase} rows of one channel against the running {@code @QuarkusTest} app: cleans the channel's
 * rows and its WireMock provider API, runs the row's {@link Given} steps, sends the request with RestAssured
 * (signed as the row says), checks the answer, then reads the channel's tables with
 * {@link gov.tawasul.engine.testing.TestDb} (JDBC against the real PostgreSQL) and compares them with the row.
 * <pre>{@code
 * @InjectTwilioApi WireMockServer twilio;
 *
 * @ParameterizedTest(name = "{0}")
 * @MethodSource("gov.tawasul.channels.twilio.TwilioWebhookCases#cases")
 * void webhook(WebhookCase row) {
 *     new WebhookHarness(TwilioWebhooks.channel(twilio)).run(row);
 * }
 * }</pre>
 * A JSON provider such as X needs nothing more: a {@link WebhookChannel} with its header
 * ({@code x-twitter-webhooks-signature}), its body signer and its API, and rows of
 * {@code WebhookRequest.post("/webhooks/twitter", WebhookRequest.JSON, fixtureBytes)}.
 */
public final class WebhookHarness {

    /** How long the detached processing is given to (wrongly) send something before sends are counted. */
    public static final Duration SETTLE = Duration.ofMillis(1500);
    /** Longest wait for the expected sends. */
    static final Duration SENDS_WITHIN = Duration.ofSeconds(15);

    private final WebhookChannel channel;

    public WebhookHarness(WebhookChannel channel) {
        this.channel = channel;
    }

    /** Cleans the channel's rows (once its previous messages are answered) and resets the provider API. */
    public void reset() {
        ChannelRows.clean(channel.name());
        channel.api().reset();
    }

    /** Runs one row on a cleaned channel; fails with the row's label on the first difference. */
    public void run(WebhookCase row) {
        reset();
        row.given().forEach(step -> step.arrange(this));
        try {
            verify(post(row.request(), row.signing()), row.response());
        } catch (AssertionError e) {
            throw new AssertionError(row + ": " + e.getMessage(), e);
        }
        String name = channel.name();
        assertRows(row, "inbound_message", ChannelRows.inbound(name), row.inbound());
        assertRows(row, "delivery_receipt", ChannelRows.receipts(name), row.receipts());
        assertRows(row, "opt_out", ChannelRows.optOuts(name), row.optOuts());
        assertThat(ChannelRows.orphanConversations(name)).as("%s: conversations without a message", row).isEmpty();
        if (row.sentTo() != null) {
            assertThat(settledRecipients(row)).as("%s: recipients of sends", row)
                    .containsExactlyInAnyOrderElementsOf(row.sentTo());
        }
        if (row.outbound() != null) {
            assertRows(row, "outbound_message", ChannelRows.outbound(name), row.outbound());
        }
    }

    /** Sends a request as the provider would, signed as given; the scenarios of a channel use it too. */
    public ValidatableResponse post(WebhookRequest request, Signing signing) {
        RequestSpecification spec = given().urlEncodingEnabled(false).headers(request.headers());
        String signature = signing.headerValue(channel, request);
        if (signature != null) {
            spec.header(channel.signatureHeader(), signature);
        }
        if (request.contentType() != null) {
            spec.contentType(request.contentType());
        }
        if (request.body().length == 0) {
            return spec.request(request.method(), request.pathAndQuery()).then();
        }
        if (request.contentType().startsWith("application/x-www-form-urlencoded")) {
            // RestAssured cannot send a byte[] as a form; a form is ASCII (percent-encoded): its text is the same bytes
            spec.body(request.bodyText());
        } else {
            spec.body(request.body()); // body(byte[]), never body(Object): that one would serialise the array
        }
        return spec.request(request.method(), request.pathAndQuery()).then();
    }

    /** Checks an answer against an expectation (a scenario's request, too). */
    public static void verify(ValidatableResponse response, ExpectedResponse expected) {
        response.statusCode(expected.status());
        if (expected.contentType() != null) {
            response.contentType(startsWith(expected.contentType()));
        }
        if (expected.body() != null) {
            response.body(equalTo(expected.body()));
        }
        expected.json().forEach((path, value) -> response.body(path, equalTo(value)));
        if (expected.within() != null) {
            response.time(lessThan(expected.within().toMillis()));
        }
    }

    /** Waits for the row's number of sends, then for {@link #SETTLE}, and returns every recipient sent to. */
    private List<String> settledRecipients(WebhookCase row) {
        int expected = row.sentTo().size();
        if (expected > 0) {
            await(row + ": " + expected + " send(s)").atMost(SENDS_WITHIN)
                    .until(() -> channel.api().recipients().size() >= expected);
        }
        try {
            Thread.sleep(SETTLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return channel.api().recipients();
    }

    /**
     * Compares a table with the expected rows: same number of rows, and each row's named columns equal. Rows beyond
     * the expected ones are shown with the columns the expectations name (all columns when none are expected).
     */
    private static void assertRows(WebhookCase row, String table, List<Map<String, Object>> actual,
                                   List<? extends ExpectedRow<?>> expected) {
        List<Map<String, Object>> want = expected.stream().map(ExpectedRow::columns).toList();
        Set<String> named = new LinkedHashSet<>();
        want.forEach(w -> named.addAll(w.keySet()));
        List<Map<String, Object>> got = new ArrayList<>();
        for (int i = 0; i < actual.size(); i++) {
            Set<String> columns = i < want.size() ? want.get(i).keySet()
                    : named.isEmpty() ? actual.get(i).keySet() : named;
            got.add(project(table, actual.get(i), columns));
        }
        assertThat(got).as("%s: %s", row, table).isEqualTo(want);
    }

    private static Map<String, Object> project(String table, Map<String, Object> row, Set<String> columns) {
        Map<String, Object> projected = new LinkedHashMap<>();
        for (String column : columns) {
            if (!row.containsKey(column)) {
                throw new IllegalArgumentException(table + " has no column " + column);
            }
            projected.put(column, row.get(column));
        }
        return projected;
    }
}
