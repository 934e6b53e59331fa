package gov.tawasul.engine.reply;

import gov.tawasul.engine.intent.Intent;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.QuickReply;
import gov.tawasul.engine.testing.EngineTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The short answers (greeting, thanks, near miss, opt-out and opt-in confirmations) from the real Qute templates. */
@QuarkusTest
@TestProfile(EngineTestProfile.class)
class ShortRepliesTest {

    @Inject
    ReplyComposer composer;

    private final Address citizen = new Address(Channel.SMS, "+966500000001");

    private Reply compose(Intent intent, String locale) {
        return composer.compose(intent, List.of(), citizen, locale);
    }

    @Test
    void greetingsReturnThePeaceAndSayHowToAsk() {
        assertThat(compose(new Intent.Greeting(true), "ar").text())
                .isEqualTo("وعليكم السلام ورحمة الله. أرسل رقم القضية (المعاملة) لمعرفة حالتها، مثال: \u20661446-000123\u2069");
        assertThat(compose(new Intent.Greeting(false), "ar").text()).startsWith("أهلاً بك.");
        assertThat(compose(new Intent.Greeting(false), "en").text())
                .isEqualTo("Hello! Send your case (transaction) number to learn its status, for example: 1446-000123");
        String help = compose(new Intent.Help(), "en").text();
        assertThat(compose(new Intent.Greeting(false), "en").text()).isNotEqualTo(help);
    }

    @Test
    void thanksIsShortAndHasNoButtons() {
        Reply ar = compose(new Intent.Thanks(), "ar");
        assertThat(ar.text()).startsWith("العفو");
        assertThat(ar.quickReplies()).isEmpty();
        assertThat(compose(new Intent.Thanks(), "en").text()).startsWith("You're welcome.");
    }

    @Test
    void nearMissOffersTheNumberAsAButton() {
        Reply en = compose(new Intent.NearMiss("1446-000123"), "en");
        assertThat(en.text()).isEqualTo("Did you mean case 1446-000123? If so, send that number.");
        assertThat(en.quickReplies()).containsExactly(new QuickReply("1446-000123", "CASE:1446-000123"),
                new QuickReply("Help", "HELP"));
        assertThat(compose(new Intent.NearMiss("1446-000123"), "ar").text()).contains("هل تقصد رقم القضية \u20661446-000123\u2069؟");
    }

    @Test
    void statusWithoutAKnownCaseAsksForTheNumber() {
        assertThat(compose(new Intent.StatusOfLastCase(), "en").text())
                .isEqualTo(compose(new Intent.AskForCaseNumber(false), "en").text());
    }

    @Test
    void optOutConfirmationsFitOneArabicSmsSegment() {
        // UCS-2: 70 characters in one segment (F11)
        for (Reply r : List.of(composer.optOutConfirmed("ar"), composer.optInConfirmed("ar"))) {
            assertThat(r.text().length()).as(r.text()).isLessThanOrEqualTo(70);
            assertThat(r.quickReplies()).isEmpty();
        }
        assertThat(composer.optOutConfirmed("ar").text()).contains("اشتراك");
        assertThat(composer.optInConfirmed("ar").text()).contains("إيقاف");
        assertThat(composer.optOutConfirmed("en").text()).contains("START");
        assertThat(composer.optInConfirmed("en").text()).contains("STOP");
    }
}
