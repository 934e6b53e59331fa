package gov.tawasul.engine.reply;

import gov.tawasul.engine.intent.Intent;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.CaseContact;
import gov.tawasul.engine.model.CaseLookupResult;
import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.LocalizedText;
import gov.tawasul.engine.model.QuickReply;
import gov.tawasul.engine.testing.EngineTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reply texts rendered from the real Qute templates. */
@QuarkusTest
@TestProfile(EngineTestProfile.class)
class ReplyComposerTest {

    @Inject
    ReplyComposer composer;

    private final Address contact = new Address(Channel.SMS, "+966500000001");
    private final CaseRecord record = new CaseRecord("1446-000123", "UNDER_REVIEW",
            new LocalizedText("قيد الدراسة", "Under review"), null, new LocalizedText(null, "Visit the office"),
            OffsetDateTime.parse("2026-11-20T09:30:00+03:00"), List.of(new CaseContact(Channel.SMS, "+966500000001")));

    @Test
    void caseSystemUnavailableGivesAnApologyNeverSilence() {
        Reply reply = composer.compose(new Intent.CaseStatus(List.of("4512873"), 0),
                List.of(new CaseLookupResult.Unavailable("4512873", "timeout")), contact, "en");
        assertThat(reply.text()).isEqualTo("Sorry, we cannot check case 4512873 right now. Please try again in a few minutes.");
        Reply arabic = composer.compose(new Intent.CaseStatus(List.of("4512873"), 0),
                List.of(new CaseLookupResult.Unavailable("4512873", "HTTP 500")), contact, "ar");
        assertThat(arabic.text()).isEqualTo("عذراً، لا يمكننا الاستعلام عن القضية رقم 4512873 الآن. فضلاً حاول مرة أخرى بعد دقائق.");
    }

    @Test
    void severalCasesInOneReplyWithTheOmittedOnesNamed() {
        Reply reply = composer.compose(new Intent.CaseStatus(List.of("1446-000123", "9999"), 2),
                List.of(new CaseLookupResult.Found(record), new CaseLookupResult.NotFound("9999")), contact, "en");
        assertThat(reply.text()).isEqualTo("""
                Case 1446-000123: Under review.
                Last update: 20 Nov 2026.
                Next step: Visit the office

                We found no case with the number 9999. Please check the number and send it again.

                Only the first 2 case numbers were answered; please send the others in another message.""");
    }

    @Test
    void aMissingTranslationFallsBackToTheOtherLanguage() {
        Reply reply = composer.compose(new Intent.CaseStatus(List.of("1446-000123"), 0),
                List.of(new CaseLookupResult.Found(record)), contact, "ar");
        assertThat(reply.text()).contains("قيد الدراسة").contains("الخطوة التالية: Visit the office");
    }

    @Test
    void quickRepliesInTheRepliesLanguage() {
        Reply reply = composer.compose(new Intent.Help(), List.of(), contact, "ar");
        assertThat(reply.quickReplies()).containsExactly(new QuickReply("قضية أخرى", "ANOTHER_CASE"),
                new QuickReply("مساعدة", "HELP"));
        assertThat(composer.compose(new Intent.AskForCaseNumber(true), List.of(), contact, "en").text())
                .isEqualTo("We can only read text. Please type the case (transaction) number, for example: 1446-000123");
    }
}
