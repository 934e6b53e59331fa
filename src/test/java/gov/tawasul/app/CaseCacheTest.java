package gov.tawasul.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.cases.cache.CaseCache;
import gov.tawasul.cases.rest.CaseApiStubs;
import gov.tawasul.cases.rest.CaseApiWireMock;
import gov.tawasul.cases.rest.InjectCaseApi;
import gov.tawasul.channels.twilio.InjectTwilioApi;
import gov.tawasul.channels.twilio.TwilioApiStubs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static gov.tawasul.app.CaseEventsTestSupport.smsFromCitizen;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static gov.tawasul.app.CaseEventsTestSupport.form;
import static gov.tawasul.app.CaseEventsTestSupport.smsCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Redis case cache in front of the REST connector ({@code tawasul.cases.cache-ttl=5m}): a found case is
 * answered from the cache until its TTL (the WireMock case API is called once), a case event replaces the entry at
 * once (the asker sees the event's status although the API still answers the old one), and while the API is down a
 * stale entry is the "as of" answer. The cache's clock is moved to pass the TTL.
 */
@QuarkusTest
@TestProfile(CaseCacheTest.Profile.class)
class CaseCacheTest {

    /** The REST connector with the cache on, the fake Twilio. */
    public static class Profile extends LastKnownStatusTest.Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("tawasul.cases.cache-ttl", "5m");
            config.put("tawasul.cases.cache-keep", "1h");
            config.put("tawasul.notifications.enabled", "false"); // only the answers reach the fake Twilio
            return config;
        }
    }

    private static final String CITIZEN = "+15555550100";
    private static final AtomicInteger SIDS = new AtomicInteger();

    @InjectCaseApi
    WireMockServer caseApi;

    @InjectTwilioApi
    WireMockServer twilio;

    @Inject
    CaseCache cache;

    @Inject
    StatefulRedisConnection<String, String> redis;

    @BeforeEach
    void setUp() {
        CaseEventsTestSupport.clean();
        twilio.resetAll();
        caseApi.resetAll();
        TwilioApiStubs.answer(twilio, TwilioApiStubs.createdFreshSid());
        for (String n : List.of("1446-000601", "1446-000602", "1446-000603")) {
            redis.sync().del(cache.key(n));
        }
        cache.use(null);
    }

    @AfterEach
    void tearDown() {
        cache.use(null);
        CaseEventsTestSupport.clean();
    }

    @Test
    void aFoundCaseIsAnsweredFromTheCacheUntilItsTtlHasPassed() {
        CaseApiStubs.answer(caseApi, "1446-000601", 200, body("1446-000601", "UNDER_REVIEW", "Under review"));
        assertThat(ask("Status of case 1446-000601?")).contains("Under review");
        assertThat(apiCalls("1446-000601")).isEqualTo(1);

        CaseApiStubs.answer(caseApi, "1446-000601", 200, body("1446-000601", "APPROVED", "Approved"));
        assertThat(ask("Status of case 1446-000601?")).contains("Under review");
        assertThat(apiCalls("1446-000601")).as("answered from the cache").isEqualTo(1);

        cache.use(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5).plusSeconds(1)));
        assertThat(ask("Status of case 1446-000601?")).contains("Approved");
        assertThat(apiCalls("1446-000601")).as("past the TTL the API is asked again").isEqualTo(2);
    }

    @Test
    void aCaseEventReplacesTheCachedCaseAtOnce() {
        CaseApiStubs.answer(caseApi, "1446-000602", 200, body("1446-000602", "UNDER_REVIEW", "Under review"));
        assertThat(ask("Status of case 1446-000602?")).contains("Under review");

        CaseEventsTestSupport.postSigned(CaseEventsTestSupport.event("evt-cache-602", "1446-000602", "APPROVED",
                "مقبولة", "Approved", CITIZEN)).statusCode(202);
        // the API still answers the old status (a lagging replica): the asker gets the event's, from the cache
        String answer = ask("Status of case 1446-000602?");
        assertThat(answer).contains("Approved").doesNotContain("Under review");
        assertThat(apiCalls("1446-000602")).isEqualTo(1);
        assertThat(redis.sync().hget(cache.key("1446-000602"), "record")).contains("\"status\":\"APPROVED\"");
    }

    @Test
    void whileTheCaseApiIsDownAStaleEntryIsTheLastKnownStatusAsOfItsTime() {
        CaseApiStubs.answer(caseApi, "1446-000603", 200, body("1446-000603", "UNDER_REVIEW", "Under review"));
        assertThat(ask("Status of case 1446-000603?")).contains("Under review");

        CaseApiStubs.answer(caseApi, "1446-000603", 500, "{}");
        cache.use(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(30)));
        // no case event of this case exists: only the cache knows it
        assertThat(ask("Status of case 1446-000603?"))
                .startsWith("Case 1446-000603: Under review - the last status we know, as of 20 Nov 2026.")
                .contains("We cannot check for a newer status right now");
        assertThat(apiCalls("1446-000603")).isEqualTo(2);
    }

    private static String body(String number, String status, String labelEn) {
        return """
                {"caseNumber":"%s","status":"%s","statusLabel":{"ar":"حالة","en":"%s"},\
                "updatedAt":"2026-11-20T09:30:00+03:00","contacts":[{"channel":"sms","address":"%s"}]}"""
                .formatted(number, status, labelEn, CITIZEN);
    }

    private int apiCalls(String number) {
        return caseApi.findAll(getRequestedFor(urlEqualTo(CaseApiWireMock.CASES + number))).size();
    }

    /** @return the bot's SMS answer to {@code text} from the case's registered number */
    private String ask(String text) {
        int before = smsCalls(twilio).size();
        String sid = "SM%032d".formatted(Instant.now().toEpochMilli() * 100 + SIDS.incrementAndGet())
                .substring(0, 34);
        smsFromCitizen(sid, text);
        await().atMost(Duration.ofSeconds(15)).until(() -> smsCalls(twilio).size() > before);
        return form(smsCalls(twilio).get(before)).get("Body");
    }
}
