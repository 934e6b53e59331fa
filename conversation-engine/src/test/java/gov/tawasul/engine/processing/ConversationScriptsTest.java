package gov.tawasul.engine.processing;

import gov.tawasul.engine.events.ConversationEvent;
import gov.tawasul.engine.events.ConversationEvents;
import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.model.ConversationState;
import gov.tawasul.engine.store.Conversations;
import gov.tawasul.engine.testing.ConversationScript;
import gov.tawasul.engine.testing.EngineTestProfile;
import gov.tawasul.engine.testing.RecordingSender;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static gov.tawasul.engine.testing.ConversationScript.containing;
import static gov.tawasul.engine.testing.ConversationScript.notContaining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Conversations with the engine, one line per turn (no channel: a recording SMS sender). */
@QuarkusTest
@TestProfile(EngineTestProfile.class)
class ConversationScriptsTest {

    static final String BOT = "+15555550188";
    static final String CONTACT = "+966500007001";

    @Inject
    Inbox inbox;
    @Inject
    RecordingSender sender;
    @Inject
    Conversations conversations;
    @Inject
    ConversationEvents events;

    ConversationScript script;

    @BeforeAll
    static void cases() {
        TestDb.execute("""
                insert into cases (case_number, status, status_label_ar, status_label_en, department_ar, department_en,
                                   updated_at, updated_offset, contacts)
                values ('7700701', 'IN_PROGRESS', 'قيد الإجراء', 'In progress', 'إدارة الخدمات', 'Services',
                        '2026-11-25T06:30:00Z', '+03:00', 'sms:+966500007001')
                on conflict (case_number) do update set status = excluded.status, status_label_ar = excluded.status_label_ar,
                    status_label_en = excluded.status_label_en, department_ar = excluded.department_ar,
                    department_en = excluded.department_en, updated_at = excluded.updated_at, contacts = excluded.contacts""");
    }

    @BeforeEach
    void script() {
        script = new ConversationScript(inbox, sender, BOT);
    }

    static String newCitizen() {
        return "+9665" + (20000000 + (int) (Math.random() * 79999999));
    }

    @Test
    void registeredContactAsksInArabicThenEnglish() {
        script.citizen(CONTACT)
                .says("حالة ٧٧٠٠٧٠١").botReplies(containing("7700701", "قيد الإجراء", "إدارة الخدمات"))
                .says("status 7700701 please").botReplies(containing("Case 7700701: In progress."));
    }

    @Test
    void aStrangerLearnsNothingOfTheCase() {
        script.citizen(newCitizen())
                .says("حالة ٧٧٠٠٧٠١").botReplies(notContaining("قيد الإجراء", "إدارة الخدمات"))
                .says("7700701").botReplies(notContaining("In progress", "قيد الإجراء"));
    }

    @Test
    void stopSilencesTheBotUntilStart() {
        ConversationScript.Citizen citizen = script.citizen(newCitizen())
                .says("help").botReplies(containing("1446-000123"))
                .says("STOP").botStaysSilent()
                .says("7700701").botStaysSilent();
        assertThat(citizen.lastMessage()).containsEntry("state", "IGNORED").containsEntry("intent", "OPTED_OUT");
        citizen.says("START").botStaysSilent()
                .says("help").botReplies(containing("1446-000123"));
    }

    @Test
    void aPersonHoldingTheConversationKeepsTheBotSilentUntilHandedBack() throws Throwable {
        String phone = newCitizen();
        ConversationScript.Citizen citizen = script.citizen(phone).says("help").botReplies(containing("1446-000123"));
        long conversationId = ((Number) TestDb.value(
                "select id from conversation where citizen_address = ? and bot_address = ?", phone, BOT)).longValue();

        assertThat(VertxContextSupport.subscribeAndAwait(
                () -> conversations.changeState(conversationId, ConversationState.WITH_AGENT))).isTrue();
        citizen.says("7700701").botStaysSilent();
        assertThat(citizen.lastMessage()).containsEntry("state", "HANDED_OFF").containsEntry("intent", "CASE_STATUS");

        VertxContextSupport.subscribeAndAwait(() -> conversations.changeState(conversationId, ConversationState.BOT));
        citizen.says("help").botReplies(containing("1446-000123"));
    }

    @Test
    void everyChangeIsPublishedAfterItsCommitWithIncreasingPositions() throws Throwable {
        List<ConversationEvent> seen = new CopyOnWriteArrayList<>();
        Cancellable subscription = events.stream().subscribe().with(seen::add);
        try {
            String phone = newCitizen();
            script.citizen(phone).says("help").botReplies(containing("1446-000123"));
            long conversationId = ((Number) TestDb.value(
                    "select id from conversation where citizen_address = ?", phone)).longValue();
            await().atMost(Duration.ofSeconds(5)).until(() -> ofConversation(seen, conversationId).size() >= 3);
            List<ConversationEvent> mine = ofConversation(seen, conversationId);
            assertThat(mine).extracting(ConversationEvent::type, ConversationEvent::state).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(ConversationEvent.Type.INBOUND_STORED, "RECEIVED"),
                    org.assertj.core.groups.Tuple.tuple(ConversationEvent.Type.OUTBOUND_QUEUED, "SENDING"),
                    org.assertj.core.groups.Tuple.tuple(ConversationEvent.Type.OUTBOUND_STATUS, "SENT"));
            assertThat(mine).extracting(ConversationEvent::position).isSorted().doesNotHaveDuplicates();
            // each event was published after its commit: the row is already there with that position
            ConversationEvent sent = mine.get(2);
            assertThat(TestDb.rows("select status, position from outbound_message where id = ?", sent.messageId()))
                    .containsExactly(java.util.Map.of("status", "SENT", "position", sent.position()));

            // a subscriber that missed them catches up from the tables
            List<ConversationEvent> caughtUp = VertxContextSupport.subscribeAndAwait(
                    () -> events.after(mine.get(0).position() - 1, 1000));
            assertThat(ofConversation(caughtUp, conversationId)).extracting(ConversationEvent::type,
                    ConversationEvent::messageId, ConversationEvent::state).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(ConversationEvent.Type.INBOUND_STORED,
                            mine.get(0).messageId(), "ANSWERED"),
                    org.assertj.core.groups.Tuple.tuple(ConversationEvent.Type.OUTBOUND_STATUS,
                            sent.messageId(), "SENT"));
        } finally {
            subscription.cancel();
        }
    }

    static List<ConversationEvent> ofConversation(List<ConversationEvent> events, long conversationId) {
        return events.stream().filter(e -> e.conversationId() == conversationId).toList();
    }
}
