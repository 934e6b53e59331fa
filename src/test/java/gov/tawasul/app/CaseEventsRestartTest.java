package gov.tawasul.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import gov.tawasul.channels.twilio.InjectTwilioApi;
import gov.tawasul.channels.twilio.TwilioApiStubs;
import gov.tawasul.channels.twilio.TwilioWireMockResource;
import gov.tawasul.engine.notify.NotificationClock;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static gov.tawasul.app.CaseEventsTestSupport.form;
import static gov.tawasul.app.CaseEventsTestSupport.smsCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A notification burst interrupted mid-way is finished after the restart, nothing lost and nothing doubled: the
 * queue table is left as an instance that stopped in the middle of a 40-follower burst leaves it — 12 notifications
 * claimed ({@code SENDING}) 5 minutes ago by the dead instance, past {@code stale-claim} (2 min), and 28 still
 * {@code PENDING} — and this instance's dispatcher (the restarted one) drains it: the WireMock Twilio receives
 * exactly one message per follower, each naming the case, and every notification ends {@code SENT} with its own
 * outbound row (the recovered claims on their second attempt).
 */
@QuarkusTest
@TestProfile(CaseEventsProfile.class)
@QuarkusTestResource(value = TwilioWireMockResource.class, restrictToAnnotatedClass = true)
class CaseEventsRestartTest {

    private static final String CASE = "1446-000990";
    private static final int FOLLOWERS = 40;
    private static final int CLAIMED_BY_DEAD_INSTANCE = 12;

    @InjectTwilioApi
    WireMockServer twilio;

    @Inject
    NotificationClock clock;

    @BeforeEach
    void clean() {
        clock.use(null);
        CaseEventsTestSupport.clean();
        twilio.resetAll();
        TwilioApiStubs.answer(twilio, TwilioApiStubs.createdFreshSid());
    }

    @AfterEach
    void after() {
        CaseEventsTestSupport.clean();
    }

    @Test
    void claimsOfAStoppedInstanceAreSentOnceAfterTheRestartAndNothingIsLost() {
        List<String> numbers = IntStream.rangeClosed(1, FOLLOWERS).mapToObj(i -> "+1555555%04d".formatted(1000 + i))
                .toList();
        // the event was fanned out by the instance that stopped: its notifications are in the queue
        TestDb.execute("""
                insert into case_event (event_id, source, case_number, status, status_label_ar, status_label_en,
                                        updated_at, contacts, fanned_out_at)
                values ('evt-restart-990', 'PUSH', ?, 'APPROVED', 'مقبولة', 'Approved', '2026-12-01T10:00:00+03:00',
                        '{}', now() - interval '6 minutes')""", CASE);
        for (int i = 0; i < FOLLOWERS; i++) {
            boolean claimed = i < CLAIMED_BY_DEAD_INSTANCE;
            TestDb.execute("""
                    insert into notification (case_event_id, case_number, channel, citizen_address, bot_address, locale,
                                              state, due_at, attempts, updated_at)
                    select id, case_number, 'SMS', ?, '+15555550199', 'ar', ?, now() - interval '6 minutes', ?,
                           now() - interval '5 minutes'
                    from case_event where event_id = 'evt-restart-990'""",
                    numbers.get(i), claimed ? "SENDING" : "PENDING", claimed ? 1 : 0);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> smsCalls(twilio).size() >= FOLLOWERS);
        await().atMost(Duration.ofSeconds(10)).until(() -> (Long) TestDb.value(
                "select count(*) from notification where state = 'SENT'") == FOLLOWERS);
        pause(Duration.ofSeconds(3)); // a doubled send would have reached the fake Twilio by now

        List<LoggedRequest> calls = smsCalls(twilio);
        Map<String, Long> perNumber = calls.stream().map(c -> form(c).get("To"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perNumber).as("every follower told exactly once").hasSize(FOLLOWERS)
                .allSatisfy((number, n) -> assertThat(n).isEqualTo(1L));
        assertThat(perNumber.keySet()).containsExactlyInAnyOrderElementsOf(numbers);
        assertThat(calls).allSatisfy(c -> assertThat(form(c).get("Body")).contains("المعاملة \u20661446-000990\u2069 أصبحت: مقبولة"));
        assertThat(TestDb.value("select count(distinct outbound_message_id) from notification where state = 'SENT'"))
                .isEqualTo((long) FOLLOWERS);
        assertThat(TestDb.value("select count(*) from outbound_message where origin = 'NOTIFICATION'"))
                .isEqualTo((long) FOLLOWERS);
        assertThat(TestDb.value("select count(*) from notification where attempts = 2")).as("the recovered claims")
                .isEqualTo((long) CLAIMED_BY_DEAD_INSTANCE);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
