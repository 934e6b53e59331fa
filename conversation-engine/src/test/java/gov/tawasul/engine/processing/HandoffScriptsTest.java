package gov.tawasul.engine.processing;

import gov.tawasul.engine.events.ConversationEvent;
import gov.tawasul.engine.events.ConversationEvents;
import gov.tawasul.engine.handoff.Handoffs;
import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.testing.ConversationScript;
import gov.tawasul.engine.testing.EngineTestProfile;
import gov.tawasul.engine.testing.RecordingSender;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static gov.tawasul.engine.model.ConversationState.BOT;
import static gov.tawasul.engine.model.ConversationState.CLOSED;
import static gov.tawasul.engine.model.ConversationState.WAITING_FOR_AGENT;
import static gov.tawasul.engine.model.ConversationState.WITH_AGENT;
import static gov.tawasul.engine.testing.ConversationScript.containing;
import static gov.tawasul.engine.testing.ConversationScript.notContaining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A citizen asks for a person, staff take the conversation, hand it back or close it: one line per turn (no channel:
 * a recording SMS sender).
 */
@QuarkusTest
@TestProfile(EngineTestProfile.class)
class HandoffScriptsTest {

    static final String BOT_NUMBER = "+15555550177";
    static final String CONTACT = "+966500007101";

    /** In both waiting texts (office open or closed). */
    static final String WAITING_AR = "سيرد عليك أحد موظفينا هنا";
    static final String WAITING_EN = "A staff member will answer you here";

    @Inject
    Inbox inbox;
    @Inject
    RecordingSender sender;
    @Inject
    Handoffs handoffs;
    @Inject
    ConversationEvents events;

    ConversationScript script;

    @BeforeAll
    static void cases() {
        TestDb.execute("""
                insert into cases (case_number, status, status_label_ar, status_label_en, department_ar, department_en,
                                   updated_at, updated_offset, contacts)
                values ('7710001', 'IN_PROGRESS', 'قيد الإجراء', 'In progress', 'إدارة الخدمات', 'Services',
                        '2026-11-25T06:30:00Z', '+03:00', 'sms:+966500007101'),
                       ('7710002', 'COMPLETED', 'مكتملة', 'Completed', 'إدارة التراخيص', null,
                        '2026-11-25T06:30:00Z', '+03:00', 'sms:+966500007101')
                on conflict (case_number) do update set status_label_ar = excluded.status_label_ar,
                    status_label_en = excluded.status_label_en, department_ar = excluded.department_ar,
                    department_en = excluded.department_en, contacts = excluded.contacts""");
    }

    @BeforeEach
    void script() {
        script = new ConversationScript(inbox, sender, BOT_NUMBER, handoffs);
    }

    static String newCitizen() {
        return "+9665" + (30000000 + (int) (Math.random() * 69999999));
    }

    @Test
    void askingInArabicWaitsForStaffAndTheBotSaysSoOnce() {
        ConversationScript.Citizen citizen = script.citizen(newCitizen())
                .says("ابي موظف").botReplies(containing(WAITING_AR, "ساعات العمل", "الأحد", "الخميس")).isNow(WAITING_FOR_AGENT)
                .says("موظف").botStaysSilent()
                .says("وينكم؟").botStaysSilent()
                .says("مساعدة").botStaysSilent();
        assertThat(citizen.lastMessage()).containsEntry("state", "HANDED_OFF").containsEntry("intent", "HELP");
        assertThat(TestDb.rows("select intent, state from inbound_message where conversation_id = ? order by id",
                citizen.conversationId())).extracting(r -> r.get("intent") + " " + r.get("state")).containsExactly(
                "ASK_FOR_PERSON ANSWERED", "ASK_FOR_PERSON HANDED_OFF", "UNKNOWN HANDED_OFF", "HELP HANDED_OFF");
        Map<String, Object> conversation = TestDb.rows("select state, waiting_since, assigned_agent from conversation "
                + "where id = ?", citizen.conversationId()).get(0);
        assertThat(conversation).containsEntry("state", "WAITING_FOR_AGENT").containsEntry("assigned_agent", null);
        assertThat(conversation.get("waiting_since")).isNotNull();
    }

    @Test
    void askingInEnglishWaitsForStaffWithTheOfficeHours() {
        String phone = newCitizen();
        script.citizen(phone)
                .says("hello").botReplies(containing("1446-000123"))
                .says("talk to a person").botReplies(containing(WAITING_EN, "Sunday to Thursday, 08:00", "16:00 (Riyadh time)"))
                .isNow(WAITING_FOR_AGENT)
                .says("agent").botStaysSilent();
        OutboundMessage waiting = sender.sentTo(phone).get(1);
        assertThat(waiting.locale()).isEqualTo("en");
        assertThat(waiting.quickReplies()).isEmpty();
        assertThat(TestDb.value("select origin from outbound_message where id = ?", waiting.id())).isEqualTo("BOT");
    }

    @Test
    void aCaseQueryIsStillAnsweredWhileWaiting() {
        ConversationScript.Citizen citizen = script.citizen(CONTACT)
                .says("أكلم موظف").botReplies(containing(WAITING_AR)).isNow(WAITING_FOR_AGENT)
                .says("حالة ٧٧١٠٠٠١").botReplies(containing("7710001", "قيد الإجراء")).isNow(WAITING_FOR_AGENT)
                .says("شكرا").botStaysSilent();
        // the case answer carries no buttons while waiting (they would lead to silence)
        List<OutboundMessage> sent = sender.sentTo(CONTACT);
        assertThat(sent.get(sent.size() - 1).quickReplies()).isEmpty();
        // staff hand it back without having taken it: the citizen is told, the bot answers the message left
        // unanswered (the thanks), then everything again
        script.agent("sara").handsBack(citizen);
        citizen.botReplies(containing("انتهت المحادثة مع الموظف")).isNow(BOT)
                .botReplies(containing("العفو"))
                .says("مساعدة").botReplies(containing("1446-000123"));
    }

    @Test
    void theBotIsSilentWhileAnAgentHoldsTheConversationAndAnswersAgainAfterTheHandBack() {
        ConversationScript.Citizen citizen = script.citizen(newCitizen())
                .says("خدمة العملاء").botReplies(containing(WAITING_AR)).isNow(WAITING_FOR_AGENT);
        script.agent("sara").takesOver(citizen);
        citizen.isNow(WITH_AGENT)
                .says("٧٧١٠٠٠١").botStaysSilent()
                .says("مساعدة").botStaysSilent()
                .says("موظف").botStaysSilent();
        assertThat(TestDb.rows("select assigned_agent, waiting_since from conversation where id = ?",
                citizen.conversationId()).get(0)).containsEntry("assigned_agent", "sara").containsEntry("waiting_since", null);

        script.agent("sara").handsBack(citizen);
        // the notice; the latest message asked for a person, who was there: not answered (nor queued again)
        citizen.botReplies(containing("انتهت المحادثة مع الموظف")).isNow(BOT)
                .says("help").botReplies(containing("Welcome to the case status service")).isNow(BOT);
        assertThat(TestDb.value("select origin from outbound_message where conversation_id = ? and text like 'انتهت%'",
                citizen.conversationId())).isEqualTo("SYSTEM");
        assertThat(TestDb.value("select assigned_agent from conversation where id = ?", citizen.conversationId()))
                .isNull();
    }

    @Test
    void afterTheHandBackTheBotAnswersTheLatestQuestionAskedAfterTheAgentsLastMessageOnce() {
        ConversationScript.Agent sara = script.agent("sara");
        ConversationScript.Citizen citizen = script.citizen(newCitizen())
                .says("خدمة العملاء").botReplies(containing(WAITING_AR));
        sara.takesOver(citizen);
        citizen.isNow(WITH_AGENT).says("مساعدة").botStaysSilent();
        sara.says(citizen, "أهلاً، معك سارة. كيف أساعدك؟");
        citizen.botReplies(containing("معك سارة"))
                .says("٧٧١٠٠٠٢").botStaysSilent()
                .says("وحالة ٧٧١٠٠٠١؟").botStaysSilent();
        String earlier = providerIdOf(citizen, "٧٧١٠٠٠٢");

        sara.handsBack(citizen);
        // the notice, then the bot's answer to the latest question only, through the usual path (a case answer)
        citizen.botReplies(containing("انتهت المحادثة مع الموظف"))
                .botReplies(containing("\u20667710001\u2069"));
        assertThat(citizen.lastMessage()).containsEntry("state", "ANSWERED").containsEntry("intent", "CASE_STATUS");
        assertThat(TestDb.value("select state from inbound_message where provider_message_id = ?", earlier))
                .isEqualTo("HANDED_OFF");
        assertThat(TestDb.value("select state from inbound_message where conversation_id = ? and text = 'مساعدة'",
                citizen.conversationId())).isEqualTo("HANDED_OFF");
        // once: a second hold and hand-back without new questions answers nothing more
        sara.takesOver(citizen).handsBack(citizen);
        citizen.botReplies(containing("انتهت المحادثة مع الموظف"));
        assertThat(TestDb.value("select count(*) from outbound_message where conversation_id = ? and origin = 'BOT'",
                citizen.conversationId())).isEqualTo(2L);
        // an agent who never wrote: the latest question while held is answered
        ConversationScript.Citizen other = script.citizen(newCitizen()).says("hi").botReplies(containing("1446-000123"));
        sara.takesOver(other);
        other.isNow(WITH_AGENT).says("help please").botStaysSilent();
        sara.handsBack(other);
        other.botReplies(containing("Your conversation with our staff has ended"))
                .botReplies(containing("Welcome to the case status service"));
    }

    private static String providerIdOf(ConversationScript.Citizen citizen, String text) {
        return (String) TestDb.value("select provider_message_id from inbound_message where conversation_id = ? "
                + "and text = ?", citizen.conversationId(), text);
    }

    @Test
    void aClosedConversationIsReopenedForTheBotByTheNextMessage() throws Exception {
        List<ConversationEvent> seen = new CopyOnWriteArrayList<>();
        Cancellable subscription = events.stream().subscribe().with(seen::add);
        try {
            String phone = newCitizen();
            ConversationScript.Citizen citizen = script.citizen(phone)
                    .says("I want to talk to a human").botReplies(containing(WAITING_EN));
            script.agent("omar").takesOver(citizen).closes(citizen);
            int sent = sender.sentTo(phone).size();
            citizen.isNow(CLOSED);
            assertThat(sender.sentTo(phone)).as("closing sends nothing").hasSize(sent);

            citizen.says("help").botReplies(notContaining(WAITING_EN)).isNow(BOT)
                    .says("agent").botReplies(containing(WAITING_EN)).isNow(WAITING_FOR_AGENT);
            long id = citizen.conversationId();
            await().atMost(Duration.ofSeconds(5)).until(() -> states(seen, id).size() >= 5);
            assertThat(states(seen, id)).containsExactly("WAITING_FOR_AGENT", "WITH_AGENT", "CLOSED", "BOT",
                    "WAITING_FOR_AGENT");
        } finally {
            subscription.cancel();
        }
    }

    @Test
    void lastActivityAndTheCasesAskedAreKeptOnTheConversation() {
        // kept for staff whoever asks (a stranger is not told the details, staff see the numbers asked)
        ConversationScript.Citizen citizen = script.citizen(newCitizen()).says("7710001")
                .botReplies(containing("7710001"));
        long id = citizen.conversationId();
        Instant first = activity(id);

        citizen.says("7710002 و 7710001").botReplies(containing("7710002", "7710001"));
        assertThat(activity(id)).isAfter(first);
        assertThat(arrays(id)).containsExactly(List.of("7710002", "7710001"), List.of("إدارة التراخيص", "Services"));

        // five at most, most recent first, no repeats; numbers not found count, their departments do not exist
        citizen.says("1111 2222 3333").botReplies(containing("1111"))
                .says("4444 7710002").botReplies(containing("4444"));
        assertThat(arrays(id)).containsExactly(List.of("4444", "7710002", "1111", "2222", "3333"),
                List.of("إدارة التراخيص", "Services"));

        // a message with no case changes neither, and moves the activity on
        Instant beforeHelp = activity(id);
        citizen.says("help").botReplies(containing("1446-000123"));
        assertThat(activity(id)).isAfter(beforeHelp);
        assertThat(arrays(id).get(0)).hasSize(5);

        // a state change moves it too
        Instant beforeTakeOver = activity(id);
        script.agent("sara").takesOver(citizen);
        assertThat(activity(id)).isAfter(beforeTakeOver);
        // in the conversation's language: its last reply was English
        script.agent("sara").handsBack(citizen);
        citizen.botReplies(containing("Your conversation with our staff has ended"));
    }

    private static Instant activity(long conversationId) {
        return ((Timestamp) TestDb.value("select last_activity_at from conversation where id = ?", conversationId))
                .toInstant();
    }

    /** @return case_numbers and departments of the conversation */
    private static List<List<String>> arrays(long conversationId) {
        Map<String, Object> row = TestDb.rows("select array_to_json(case_numbers)::text as c, "
                + "array_to_json(departments)::text as d from conversation where id = ?", conversationId).get(0);
        return List.of(json((String) row.get("c")), json((String) row.get("d")));
    }

    private static List<String> json(String array) {
        try {
            return List.of(new com.fasterxml.jackson.databind.ObjectMapper().readValue(array, String[].class));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> states(List<ConversationEvent> events, long conversationId) {
        return events.stream().filter(e -> e.conversationId() == conversationId
                        && e.type() == ConversationEvent.Type.CONVERSATION_STATE).map(ConversationEvent::state).toList();
    }
}
