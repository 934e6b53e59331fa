package gov.tawasul.engine.processing;

import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.intent.IntentRecognizer;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.model.QuickReply;
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
import java.util.Map;

import static gov.tawasul.engine.testing.ConversationScript.containing;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Near-miss case numbers under a deployment's strict pattern ({@code 4 digits - 6 digits}), one line per turn: "did
 * you mean …?" with the suggestion as a quick reply, from the text's shape alone — the same answer whether the
 * suggested case exists or not.
 */
@QuarkusTest
@TestProfile(NearMissScriptsTest.StrictPattern.class)
class NearMissScriptsTest {

    static final String BOT = "+15555550155";
    static final String CONTACT = "+9665" + (30000000 + (int) (Math.random() * 69999999));

    /** The engine profile with case numbers of the shape {@code 1446-000123} only. */
    public static class StrictPattern extends EngineTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tawasul.engine.case-number-pattern", "(?<![0-9])[0-9]{4}-[0-9]{6}(?![0-9])");
        }
    }

    @Inject
    Inbox inbox;
    @Inject
    RecordingSender sender;

    ConversationScript script;

    @BeforeAll
    static void cases() {
        TestDb.execute("""
                insert into cases (case_number, status, status_label_ar, status_label_en, department_ar, department_en,
                                   updated_at, updated_offset, contacts)
                values ('1447-000123', 'IN_PROGRESS', 'قيد الإجراء', 'In progress', 'إدارة الخدمات', 'Services',
                        '2026-11-25T06:30:00Z', '+03:00', ?)
                on conflict (case_number) do update set status = excluded.status,
                    status_label_ar = excluded.status_label_ar, status_label_en = excluded.status_label_en,
                    contacts = excluded.contacts""", "sms:" + CONTACT);
        TestDb.execute("delete from cases where case_number = '1447-000124'");
    }

    @BeforeEach
    void script() {
        script = new ConversationScript(inbox, sender, BOT);
    }

    @Test
    void aMissingSeparatorGetsDidYouMeanWithAQuickReply() {
        script.citizen(CONTACT)
                .says("حالة ١٤٤٧٠٠٠١٢٣").botReplies(containing("هل تقصد", "1447-000123"))
                .says("1447-000123").botReplies(containing("1447-000123", "قيد الإجراء"));
        OutboundMessage suggestion = sender.sentTo(CONTACT).get(sender.sentTo(CONTACT).size() - 2);
        assertThat(suggestion.quickReplies()).first().isEqualTo(
                new QuickReply("1447-000123", IntentRecognizer.PAYLOAD_CASE_PREFIX + "1447-000123"));
    }

    @Test
    void oneDigitTooManyOrTooFew() {
        script.citizen(CONTACT)
                .says("case 1447-0000123").botReplies(containing("Did you mean case 1447-000123?"))
                .says("case 1447-00123").botReplies(containing("Did you mean case 1447-000123?"))
                .says("14470000123").botReplies(containing("Send your case"));
    }

    @Test
    void theSuggestionSaysNothingOfWhetherTheCaseExists() {
        String stranger = "+9665" + (30000000 + (int) (Math.random() * 69999999));
        script.citizen(stranger)
                .says("1447000123").botReplies(containing("1447-000123"))
                .says("1447000124").botReplies(containing("1447-000124"));
        List<OutboundMessage> sent = sender.sentTo(stranger);
        String existing = sent.get(sent.size() - 2).text();
        String missing = sent.get(sent.size() - 1).text();
        assertThat(missing).isEqualTo(existing.replace("1447-000123", "1447-000124"));
    }
}
