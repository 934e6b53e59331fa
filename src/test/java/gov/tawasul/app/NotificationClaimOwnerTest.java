package gov.tawasul.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.channels.twilio.InjectTwilioApi;
import gov.tawasul.channels.twilio.TwilioApiStubs;
import gov.tawasul.channels.twilio.TwilioWireMockResource;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.outbox.OutboundDraft;
import gov.tawasul.engine.outbox.Outbox;
import gov.tawasul.engine.outbox.SendOutcome;
import gov.tawasul.engine.store.Notifications;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static gov.tawasul.app.CaseEventsTestSupport.form;
import static gov.tawasul.app.CaseEventsTestSupport.smsCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two dispatchers and one notification, on the real PostgreSQL with the WireMock Twilio: dispatcher A claims it and
 * stalls past {@code stale-claim} (2 min); dispatcher B recovers the stale claim and claims the row again (a new
 * token). When A wakes up, every write it tries with its old claim — the outbound row and {@code SENT}
 * ({@link Outbox#send}), back to {@code PENDING}, {@code REFUSED}, {@code FELL_BACK} before and after a send — changes
 * nothing and sends nothing; B's send is the one: one outbound row, one message at Twilio. The scheduled dispatcher is
 * off ({@code tawasul.notifications.enabled=false}): the test plays both instances through the store and the outbox
 * the dispatcher uses.
 */
@QuarkusTest
@TestProfile(NotificationClaimOwnerTest.Profile.class)
@QuarkusTestResource(value = TwilioWireMockResource.class, restrictToAnnotatedClass = true)
class NotificationClaimOwnerTest {

    /** {@link CaseEventsProfile} without the scheduled dispatcher. */
    public static class Profile extends CaseEventsProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("tawasul.notifications.enabled", "false");
            return config;
        }
    }

    private static final String CITIZEN = "+15555552001";
    private static final String OTHER_CONTACT = "+15555552002";
    private static final String BOT = "+15555550199";

    @InjectTwilioApi
    WireMockServer twilio;

    @Inject
    Notifications notifications;

    @Inject
    Outbox outbox;

    @BeforeEach
    void clean() {
        CaseEventsTestSupport.clean();
        twilio.resetAll();
        TwilioApiStubs.answer(twilio, TwilioApiStubs.createdFreshSid());
    }

    @AfterEach
    void after() {
        CaseEventsTestSupport.clean();
    }

    @Test
    void aStaleClaimClaimedAgainByAnotherDispatcherStoresAndSendsNothing() throws Throwable {
        TestDb.execute("""
                insert into case_event (event_id, source, case_number, status, status_label_ar, status_label_en,
                                        updated_at, contacts, fanned_out_at)
                values ('evt-claim-1', 'PUSH', '1446-000881', 'APPROVED', 'مقبولة', 'Approved',
                        '2026-12-01T10:00:00+03:00', '{}', now())""");
        TestDb.execute("""
                insert into notification (case_event_id, case_number, channel, citizen_address, bot_address, locale,
                                          state, due_at)
                select id, case_number, 'SMS', ?, ?, 'en', 'PENDING', now() - interval '1 minute'
                from case_event where event_id = 'evt-claim-1'""", CITIZEN, BOT);

        List<Notifications.Claimed> claimedByA = onContext(() -> notifications.claim(Instant.now(), 10));
        assertThat(claimedByA).hasSize(1);
        Notifications.Claimed stale = claimedByA.get(0);

        // A stalls longer than stale-claim; B recovers the claim and claims the row again
        TestDb.execute("update notification set updated_at = now() - interval '5 minutes'");
        assertThat(onContext(() -> notifications.recoverStale(Duration.ofMinutes(2)))).isEqualTo(1);
        List<Notifications.Claimed> claimedByB = onContext(() -> notifications.claim(Instant.now(), 10));
        assertThat(claimedByB).hasSize(1);
        Notifications.Claimed owner = claimedByB.get(0);
        assertThat(owner.id()).isEqualTo(stale.id());
        assertThat(owner.token()).isNotEqualTo(stale.token());

        // A wakes up: nothing it writes with its old claim takes effect
        assertThat(onContext(() -> outbox.send(draft(stale, "from A")))).isInstanceOf(SendOutcome.AlreadyAnswered.class);
        assertThat(onContext(() -> notifications.release(stale.claim(), Instant.now().plusSeconds(3600), "CAP")))
                .isFalse();
        assertThat(onContext(() -> notifications.finish(stale.claim(), "REFUSED", "OPTED_OUT", "from A"))).isFalse();
        assertThat(onContext(() -> notifications.fallBack(stale.claim(), false, Channel.SMS, List.of(OTHER_CONTACT), BOT,
                "en", Instant.now(), "OUTSIDE_WINDOW"))).isFalse();
        assertThat(TestDb.rows("select state, claim_token, outbound_message_id from notification"))
                .as("still B's claim, nothing queued by A's fall-back")
                .containsExactly(mapOf("state", "SENDING", "claim_token", owner.token(), "outbound_message_id", null));
        assertThat(TestDb.value("select count(*) from outbound_message")).isEqualTo(0L);
        assertThat(smsCalls(twilio)).isEmpty();

        // B sends it: the one outbound row and the one message
        SendOutcome sent = onContext(() -> outbox.send(draft(owner, "from B")));
        assertThat(sent).isInstanceOf(SendOutcome.Queued.class);
        long outboundId = ((SendOutcome.Queued) sent).outboundId();
        assertThat(TestDb.rows("select state, outbound_message_id from notification"))
                .containsExactly(mapOf("state", "SENT", "outbound_message_id", outboundId));

        // and A, seeing a failed send it did not make, cannot fall back either
        assertThat(onContext(() -> notifications.fallBack(stale.claim(), true, Channel.SMS, List.of(OTHER_CONTACT), BOT,
                "en", Instant.now(), "sms_30003"))).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> smsCalls(twilio).size() >= 1);
        Thread.sleep(1500); // a second send would have reached the fake Twilio by now
        assertThat(smsCalls(twilio)).hasSize(1);
        assertThat(form(smsCalls(twilio).get(0))).containsEntry("To", CITIZEN).containsEntry("Body", "from B");
        assertThat(TestDb.rows("select origin, recipient from outbound_message"))
                .containsExactly(Map.of("origin", "NOTIFICATION", "recipient", CITIZEN));
        assertThat(TestDb.rows("select state, outbound_message_id from notification"))
                .containsExactly(mapOf("state", "SENT", "outbound_message_id", outboundId));
    }

    private static OutboundDraft draft(Notifications.Claimed n, String text) {
        return OutboundDraft.notification(n.claim(), n.citizen(), new Address(Channel.SMS, n.bot()), text, "en");
    }

    private static <T> T onContext(Supplier<Uni<T>> call) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(call);
    }

    /** A map that may hold null values (Map.of cannot). */
    private static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
