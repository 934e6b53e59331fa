package gov.tawasul.engine.processing;

import gov.tawasul.engine.handoff.Handoffs;
import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.testing.ConversationScript;
import gov.tawasul.engine.testing.EngineTestProfile;
import gov.tawasul.engine.testing.RecordingSender;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static gov.tawasul.engine.model.ConversationState.WAITING_FOR_AGENT;
import static gov.tawasul.engine.testing.ConversationScript.containing;
import static gov.tawasul.engine.testing.ConversationScript.notContaining;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arabic the way citizens write it, one line per turn (no channel: a recording SMS sender): opt-out and opt-in words
 * the bot confirms itself, greetings and thanks, "status?" without a number.
 */
@QuarkusTest
@TestProfile(EngineTestProfile.class)
class ArabicScriptsTest {

    static final String BOT = "+15555550166";
    /** Registered contacts of case 7720001, new on every run (their conversations start empty). */
    static final String CONTACT = newCitizen();
    static final String CONTACT_WAITING = newCitizen();

    static final String HELP_AR = "مرحباً بك في خدمة الاستعلام";
    static final String HELP_EN = "Welcome to the case status service";
    static final String OPTED_OUT_AR = "لن تصلك منا رسائل أخرى هنا";
    static final String OPTED_IN_AR = "ستصلك رسائلنا هنا من جديد";
    static final String ASK_NUMBER_AR = "فضلاً أرسل رقم القضية";

    @Inject
    Inbox inbox;
    @Inject
    RecordingSender sender;
    @Inject
    Handoffs handoffs;

    ConversationScript script;

    @BeforeAll
    static void cases() {
        TestDb.execute("""
                insert into cases (case_number, status, status_label_ar, status_label_en, department_ar, department_en,
                                   updated_at, updated_offset, contacts)
                values ('7720001', 'IN_PROGRESS', 'قيد الإجراء', 'In progress', 'إدارة الخدمات', 'Services',
                        '2026-11-25T06:30:00Z', '+03:00', ?)
                on conflict (case_number) do update set status = excluded.status,
                    status_label_ar = excluded.status_label_ar, status_label_en = excluded.status_label_en,
                    department_ar = excluded.department_ar, department_en = excluded.department_en,
                    contacts = excluded.contacts""", "sms:" + CONTACT + ";sms:" + CONTACT_WAITING);
    }

    @BeforeEach
    void script() {
        script = new ConversationScript(inbox, sender, BOT, handoffs);
    }

    static String newCitizen() {
        return "+9665" + (30000000 + (int) (Math.random() * 69999999));
    }

    @Test
    void arabicOptOutIsConfirmedOnceAndArabicOptInLiftsIt() {
        String phone = newCitizen();
        ConversationScript.Citizen citizen = script.citizen(phone)
                .says("مساااعدة").botReplies(containing(HELP_AR))
                .says("إيقاف").botReplies(containing(OPTED_OUT_AR, "اشتراك"));
        assertThat(citizen.lastMessage()).containsEntry("state", "IGNORED").containsEntry("intent", "OPT_OUT");
        assertThat(TestDb.value("select count(*) from opt_out where citizen_address = ? and bot_address = ?", phone,
                BOT)).isEqualTo(1L);
        assertThat(last(phone).origin()).isEqualTo(Origin.SYSTEM);
        citizen.says("7720001").botStaysSilent()
                .says("الغاء").botStaysSilent()
                .says("اشتراك").botReplies(containing(OPTED_IN_AR, "إيقاف"))
                .says("مُساعدة").botReplies(containing(HELP_AR));
        assertThat(TestDb.value("select count(*) from opt_out where citizen_address = ?", phone)).isEqualTo(0L);
    }

    @Test
    void twilioOwnWordsStaySilentAsBeforeAndAnArabicOptInAfterThemIsConfirmed() {
        script.citizen(newCitizen())
                .says("stop").botStaysSilent()
                .says("مساعدة").botStaysSilent()
                .says("تفعيل").botReplies(containing(OPTED_IN_AR))
                .says("STOP").botStaysSilent()
                .says("START").botStaysSilent()
                .says("help").botReplies(containing(HELP_EN));
    }

    @Test
    void anArabicOptOutIsConfirmedEvenWhileAPersonHoldsTheConversation() {
        ConversationScript.Citizen citizen = script.citizen(newCitizen()).says("ابي موظف")
                .botReplies(containing("سيرد عليك أحد موظفينا"));
        script.agent("sara").takesOver(citizen);
        citizen.says("ايقاف").botReplies(containing(OPTED_OUT_AR))
                .says("مساعدة").botStaysSilent();
    }

    @Test
    void greetingsAndThanksGetAShortAnswerNotTheHelpText() {
        script.citizen(newCitizen())
                .says("السلام عليكم").botReplies(containing("وعليكم السلام", "1446-000123"))
                .says("مرحبا").botReplies(containing("أهلاً بك", "1446-000123"))
                .says("hi").botReplies(containing("Hello!", "1446-000123"))
                .says("hello").botReplies(notContaining(HELP_EN))
                .says("شكراً جزيلاً").botReplies(containing("العفو"))
                .says("thanks").botReplies(containing("You're welcome"));
    }

    @Test
    void greetingAnswersAreShortAndNotTheHelpText() {
        script.citizen(newCitizen())
                .says("مرحبااا").botReplies(notContaining(HELP_AR))
                .says("hello there").botReplies(notContaining(HELP_EN));
    }

    @Test
    void statusWithoutANumberAnswersTheConversationsLastCase() {
        script.citizen(CONTACT)
                .says("حالة؟").botReplies(containing(ASK_NUMBER_AR))
                .says("حالة ٧٧٢٠٠٠١").botReplies(containing("7720001", "قيد الإجراء"))
                .says("وش صار على معاملتي").botReplies(containing("7720001", "قيد الإجراء", "إدارة الخدمات"))
                .says("Status?").botReplies(containing("Case 7720001: In progress."));
    }

    @Test
    void statusWithoutANumberFollowsTheDisclosureRules() {
        script.citizen(newCitizen())
                .says("7720001").botReplies(notContaining("In progress", "قيد الإجراء"))
                .says("وش صار على معاملتي").botReplies(notContaining("قيد الإجراء", "إدارة الخدمات"))
                .says("status?").botReplies(notContaining("In progress", "Services"));
    }

    @Test
    void statusWithoutANumberIsACaseQueryWhileWaitingForStaff() {
        ConversationScript.Citizen citizen = script.citizen(CONTACT_WAITING)
                .says("7720001").botReplies(containing("قيد الإجراء"))
                .says("ابغى اكلم موظف").botReplies(containing("سيرد عليك أحد موظفينا"))
                .isNow(WAITING_FOR_AGENT)
                .says("حالة معاملتي").botReplies(containing("قيد الإجراء"));
        assertThat(citizen.lastMessage()).containsEntry("state", "ANSWERED").containsEntry("intent", "CASE_STATUS");
        citizen.says("شكرا").botStaysSilent();
        assertThat(citizen.lastMessage()).containsEntry("state", "HANDED_OFF");
    }

    private OutboundMessage last(String phone) {
        List<OutboundMessage> sent = sender.sentTo(phone);
        return sent.get(sent.size() - 1);
    }
}
