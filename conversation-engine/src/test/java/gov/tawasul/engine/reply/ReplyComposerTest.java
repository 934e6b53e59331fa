package gov.tawasul.engine.reply;

import gov.tawasul.engine.handoff.OfficeHours;
import gov.tawasul.engine.handoff.OfficeHoursText;
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

import java.time.Instant;
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
        assertThat(arabic.text()).isEqualTo("عذراً، لا يمكننا الاستعلام عن القضية رقم \u20664512873\u2069 الآن. فضلاً حاول مرة أخرى بعد دقائق.");
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
                new QuickReply("مساعدة", "HELP"), new QuickReply("التحدث مع موظف", "TALK_TO_AGENT"));
        assertThat(composer.compose(new Intent.Unknown(), List.of(), contact, "en").quickReplies())
                .containsExactly(new QuickReply("Another case", "ANOTHER_CASE"), new QuickReply("Help", "HELP"),
                        new QuickReply("Talk to a person", "TALK_TO_AGENT"));
        // a case answer keeps the two usual buttons
        assertThat(composer.compose(new Intent.CaseStatus(List.of("1446-000123"), 0),
                List.of(new CaseLookupResult.Found(record)), contact, "en").quickReplies())
                .containsExactly(new QuickReply("Another case", "ANOTHER_CASE"), new QuickReply("Help", "HELP"));
        assertThat(composer.compose(new Intent.AskForCaseNumber(true), List.of(), contact, "en").text())
                .isEqualTo("We can only read text. Please type the case (transaction) number, for example: 1446-000123");
    }

    @Test
    void handoffWaitingWhileOpenAndClosed() {
        OfficeHours hours = OfficeHours.of("Sun-Thu 08:00-16:00", "Asia/Riyadh");
        // Tuesday 1 Dec 2026 10:00 Riyadh: open
        Instant open = Instant.parse("2026-12-01T07:00:00Z");
        // Thursday 3 Dec 2026 18:00 Riyadh: closed until Sunday
        Instant closed = Instant.parse("2026-12-03T15:00:00Z");
        assertThat(waiting(hours, open, "en").text()).isEqualTo("Thank you. A staff member will answer you here as "
                + "soon as possible. Office hours: Sunday to Thursday, 08:00–16:00 (Riyadh time).");
        assertThat(waiting(hours, open, "ar").text()).isEqualTo("شكراً لك. سيرد عليك أحد موظفينا هنا في أقرب وقت. "
                + "ساعات العمل: من الأحد إلى الخميس، من \u206608:00\u2069 إلى \u206616:00\u2069 بتوقيت الرياض.");
        assertThat(waiting(hours, closed, "en").text()).isEqualTo("Thank you. A staff member will answer you here. "
                + "Office hours: Sunday to Thursday, 08:00–16:00 (Riyadh time); staff are back on Sunday at 08:00. "
                + "Until then, you can still send a case number to get its status.");
        assertThat(waiting(hours, closed, "ar").text()).isEqualTo("شكراً لك. سيرد عليك أحد موظفينا هنا. "
                + "ساعات العمل: من الأحد إلى الخميس، من \u206608:00\u2069 إلى \u206616:00\u2069 بتوقيت الرياض، ويعود الموظفون يوم الأحد "
                + "الساعة \u206608:00\u2069. وإلى ذلك الحين يمكنك إرسال رقم القضية لمعرفة حالتها.");
        assertThat(waiting(hours, open, "ar").quickReplies()).isEmpty();
        // Tuesday 06:30 Riyadh: back today; Wednesday 17:00: back tomorrow
        assertThat(waiting(hours, Instant.parse("2026-12-01T03:30:00Z"), "en").text())
                .contains("staff are back today at 08:00.");
        assertThat(waiting(hours, Instant.parse("2026-12-02T14:00:00Z"), "ar").text())
                .contains("ويعود الموظفون غداً الساعة \u206608:00\u2069.");
    }

    @Test
    void handoffNotices() {
        assertThat(composer.handoffEnded("en").text()).isEqualTo("Your conversation with our staff has ended. You "
                + "can send a case number at any time to learn its status, for example: 1446-000123");
        assertThat(composer.handoffEnded("ar").text()).startsWith("انتهت المحادثة مع الموظف.");
        assertThat(composer.handoffTimedOut("en").text()).startsWith("Our staff have not written for a while")
                .contains("\"agent\"");
        assertThat(composer.handoffTimedOut("ar").text()).contains("«موظف»");
    }

    private Reply waiting(OfficeHours hours, Instant now, String locale) {
        return composer.handoffWaiting(locale, hours.isOpen(now), OfficeHoursText.hours(hours, locale),
                OfficeHoursText.nextOpening(hours, now, locale));
    }
}
