package gov.tawasul.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.cases.cache.CaseCache;
import gov.tawasul.cases.rest.CaseApiStubs;
import gov.tawasul.cases.rest.InjectCaseApi;
import gov.tawasul.channels.twilio.InjectTwilioApi;
import gov.tawasul.channels.twilio.TwilioApiStubs;
import gov.tawasul.engine.store.CountingDb;
import gov.tawasul.engine.testing.TestDb;
import gov.tawasul.staff.SmsCitizen;
import io.lettuce.core.api.StatefulRedisConnection;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static gov.tawasul.app.CaseEventsTestSupport.smsCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What one message of the common path costs in round trips (issue 16): an SMS with a registered contact's case
 * number → the REST case lookup (Redis cache) → the bot's reply at the (WireMock) Twilio API → Twilio's {@code sent}
 * and {@code delivered} callbacks. Every statement the app runs is recorded ({@link CountingDb}: each is one round
 * trip and its own transaction) and every Redis command on the test's index ({@link RedisMonitor}); the scheduler is
 * off, so nothing else runs meanwhile. The first turn misses the case cache (API call, cache write, new follower),
 * the second is the steady state (cache hit, follower known).
 */
@QuarkusTest
@TestProfile(ReplyRoundTripsTest.Profile.class)
class ReplyRoundTripsTest {

    /** The REST connector with the cache on, the fake Twilio, statements counted, no scheduled jobs. */
    public static class Profile extends CaseCacheTest.Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("quarkus.scheduler.enabled", "false");
            return config;
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(CountingDb.class);
        }
    }

    private static final String CITIZEN = "+15555550100";
    private static final String CASE = "1446-000701";

    @InjectCaseApi
    WireMockServer caseApi;
    @InjectTwilioApi
    WireMockServer twilio;
    @Inject
    CountingDb db;
    @Inject
    CaseCache cache;
    @Inject
    StatefulRedisConnection<String, String> redis;

    /** What one turn cost. */
    record Cost(String replyText, List<String> webhook, List<String> reply, List<String> callbacks,
                List<String> redisRoundTrips) {
        List<String> redisBesidesRelay() {
            return redisRoundTrips.stream().filter(c -> !c.equals("PUBLISH")).toList();
        }
    }

    @AfterEach
    void clean() {
        CaseEventsTestSupport.clean();
    }

    @Test
    void oneCommonPathTurnCostsAtMostThreeStatementsAndOneRedisRoundTripOnTheReplyPath() throws Exception {
        CaseEventsTestSupport.clean();
        twilio.resetAll();
        caseApi.resetAll();
        TwilioApiStubs.answer(twilio, TwilioApiStubs.createdFreshSid());
        CaseApiStubs.answer(caseApi, CASE, 200, """
                {"caseNumber":"%s","status":"UNDER_REVIEW","statusLabel":{"ar":"قيد الدراسة","en":"Under review"},\
                "updatedAt":"2026-11-20T09:30:00+03:00","contacts":[{"channel":"sms","address":"%s"}]}"""
                .formatted(CASE, CITIZEN));
        redis.sync().del(cache.key(CASE));
        SmsCitizen citizen = new SmsCitizen(CITIZEN);

        Cost first;
        Cost steady;
        try (RedisMonitor monitor = new RedisMonitor(
                ConfigProvider.getConfig().getValue("tawasul.redis.url", String.class))) {
            first = turn(citizen, "Status of case " + CASE + "?", monitor);
            steady = turn(citizen, "Status of case " + CASE + " please", monitor);
        }
        System.out.println("ReplyRoundTripsTest first turn: " + first);
        System.out.println("ReplyRoundTripsTest steady turn: " + steady);

        // the webhook's and the callbacks' statements are the ack path's: they run on the webhooks' own pool (the
        // @Ingest Db, not this counter); that they were stored is what turn() waited for (reply sent, DELIVERED)
        assertThat(steady.webhook()).as("the webhook's insert is not on the reply path's pool").isEmpty();
        assertThat(steady.callbacks()).as("nor are the callbacks' receipts").isEmpty();
        // next message + lease; reply + case queries + follower; provider's answer + lease
        assertThat(steady.reply()).as("the reply path's statements: " + steady.reply()).hasSize(3);
        assertThat(first.reply()).as("with a new follower and a cache miss: " + first.reply()).hasSize(3);
        assertThat(TestDb.value("select count(*) from case_query q join inbound_message i on i.id = q.inbound_message_id "
                + "join conversation c on c.id = i.conversation_id where c.citizen_address = ? and q.outcome = 'FOUND'",
                CITIZEN)).as("each turn's lookup recorded by its reply").isEqualTo(2L);
        assertThat(TestDb.value("select count(*) from case_follower where citizen_address = ? and case_number = ?",
                CITIZEN, CASE)).isEqualTo(1L);
        assertThat(first.replyText()).as("a new follower is told once").contains("Under review")
                .contains("We will tell you here when case " + CASE + " changes");
        assertThat(steady.replyText()).contains("Under review").doesNotContain("We will tell you here");
        // the lookup budget's script reads the cache entry too; a miss writes the API's answer (a second script)
        assertThat(steady.redisBesidesRelay()).as("Redis round trips of the reply path, cache hit")
                .containsExactly("EVAL");
        assertThat(first.redisBesidesRelay()).as("Redis round trips of the reply path, cache miss")
                .containsExactly("EVAL", "EVAL");
        assertThat(caseApi.getAllServeEvents()).as("the second turn was answered from the cache").hasSize(1);
        assertThat(TestDb.rows("select lease_owner from conversation where citizen_address = ?", CITIZEN))
                .singleElement().satisfies(row -> assertThat(row.get("lease_owner")).isNull());
    }

    private Cost turn(SmsCitizen citizen, String text, RedisMonitor monitor) throws InterruptedException {
        Thread.sleep(300); // what the previous step published has reached the monitor
        db.reset();
        monitor.reset();
        int before = smsCalls(twilio).size();
        long answered = answeredReplies();
        citizen.says(text);
        await().atMost(Duration.ofSeconds(15)).until(() -> smsCalls(twilio).size() > before);
        // the provider's answer is stored and the lease given up
        await().atMost(Duration.ofSeconds(10)).until(() -> answeredReplies() > answered
                && TestDb.rows("select 1 from conversation where citizen_address = ? and lease_owner is null",
                CITIZEN).size() == 1);
        String sid = (String) TestDb.rows("""
                select provider_message_id from outbound_message where recipient = ? and origin = 'BOT'
                order by id desc limit 1""", CITIZEN).get(0).get("provider_message_id");
        Thread.sleep(200);
        List<String> beforeCallbacks = db.statements();
        citizen.receiptOf(sid, "sent", null);
        citizen.receiptOf(sid, "delivered", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(TestDb.rows(
                "select status from outbound_message where provider_message_id = ?", sid).get(0).get("status")));
        Thread.sleep(300); // the event relay's batch (100 ms) and the monitor's lines
        List<String> all = db.statements();
        List<String> webhook = beforeCallbacks.stream().filter(s -> s.contains("insert into inbound_message")).toList();
        List<String> reply = beforeCallbacks.stream().filter(s -> !s.contains("insert into inbound_message"))
                .map(ReplyRoundTripsTest::shortly).toList();
        List<String> callbacks = all.subList(beforeCallbacks.size(), all.size()).stream()
                .map(ReplyRoundTripsTest::shortly).toList();
        String replyText = CaseEventsTestSupport.form(smsCalls(twilio).get(before)).get("Body");
        return new Cost(replyText, webhook.stream().map(ReplyRoundTripsTest::shortly).toList(), reply, callbacks,
                monitor.roundTrips());
    }

    private static long answeredReplies() {
        return TestDb.rows("""
                select count(*) as n from outbound_message
                where recipient = ? and origin = 'BOT' and provider_message_id is not null""", CITIZEN)
                .stream().mapToLong(r -> ((Number) r.get("n")).longValue()).sum();
    }

    /** @return the statement on one line, cut to its first 90 characters */
    private static String shortly(String sql) {
        String line = sql.replaceAll("\\s+", " ").strip();
        return line.length() <= 90 ? line : line.substring(0, 90) + "…";
    }
}
