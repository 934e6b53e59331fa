package gov.tawasul.engine.intent;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.text.TextNormalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IntentRecognizerTest {

    static final String DEFAULT_PATTERN = "(?<![0-9])[0-9]{3,15}(?:[-/][0-9]{1,15}){0,3}(?![0-9])";
    private final IntentRecognizer recognizer = new IntentRecognizer(new CaseNumberRecognizer(DEFAULT_PATTERN), 3);

    private Intent text(String raw) {
        return recognizer.recognize(Channel.SMS, InboundKind.TEXT, TextNormalizer.normalize(raw), null, null);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "4512873|4512873",
            "1446-000123|1446-000123",
            "STATUS 12345|12345",
            "حالة القضية ٢٠٢٤/١٢٣٤٥|2024/12345",
            "\u06F1\u06F2\u0663\u0664\u0665|12345",
            "رقم القضية ١٢٣|123",
            "\u200Fرقم \u202B١٤٤٦-٠٠٠١٢٣\u202C|1446-000123",
            "case no. 987654321012345 please|987654321012345",
            // format characters and variation selectors inside a number do not split it
            "\u0667\u0667\u0660\u200C\u0663\u0663\u0661\u0665|7703315",
            "\u062D\u0627\u0644\u0629 \u0661\u0664\u0664\u0666\u200D-\u0660\u0660\u0660\u0661\u0662\u0663|1446-000123",
            "\uFEFF4512873|4512873",
            "45\u206012873|4512873",
            "STATUS 12\u200B345|12345",
            "4512873\uFE0F|4512873",
            "\u0662\u0660\u0662\u0664\uFE0F/\u0661\u0662\u0663\u0664\u0665|2024/12345"})
    void findsTheCaseNumber(String message, String expected) {
        assertThat(text(message)).isEqualTo(new Intent.CaseStatus(List.of(expected), 0));
    }

    @Test
    void severalNumbersInOneTextInOrderWithoutRepeats() {
        assertThat(text("cases 1446-000123, 4512873 and ١٤٤٦-٠٠٠١٢٣ again"))
                .isEqualTo(new Intent.CaseStatus(List.of("1446-000123", "4512873"), 0));
    }

    @Test
    void moreNumbersThanTheMaximumAreCounted() {
        assertThat(text("1111 2222 3333 4444 5555"))
                .isEqualTo(new Intent.CaseStatus(List.of("1111", "2222", "3333"), 2));
    }

    @Test
    void tooShortOrTooLongIsNoCaseNumber() {
        assertThat(text("12")).isInstanceOf(Intent.Unknown.class);
        assertThat(text("1234567890123456")).isInstanceOf(Intent.Unknown.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "HELP", "?", "مساعدة", "؟", "I need help"})
    void help(String message) {
        assertThat(text(message)).isInstanceOf(Intent.Help.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop", "End", "CANCEL", "UNSUBSCRIBE", "QUIT", "STOPALL", " stop "})
    void smsOptOutKeywords(String message) {
        assertThat(text(message)).isInstanceOf(Intent.OptOut.class);
    }

    @Test
    void optOutKeywordsOnlyOnSms() {
        assertThat(recognizer.recognize(Channel.FACEBOOK, InboundKind.TEXT, "stop", null, null))
                .isInstanceOf(Intent.Unknown.class);
    }

    @Test
    void twilioOptOutTypeWins() {
        assertThat(recognizer.recognize(Channel.SMS, InboundKind.TEXT, "arret", null, "STOP"))
                .isInstanceOf(Intent.OptOut.class);
        assertThat(text("START")).isInstanceOf(Intent.OptIn.class);
    }

    @Test
    void postbackPayloads() {
        assertThat(recognizer.recognize(Channel.FACEBOOK, InboundKind.POSTBACK, "Get Started", "GET_STARTED", null))
                .isEqualTo(new Intent.AskForCaseNumber(false));
        assertThat(recognizer.recognize(Channel.FACEBOOK, InboundKind.TEXT, "Help", "HELP", null))
                .isInstanceOf(Intent.Help.class);
        // a typed number wins over an unrelated quick-reply payload
        assertThat(recognizer.recognize(Channel.FACEBOOK, InboundKind.TEXT, "4512873", "QR_PAYLOAD_RED", null))
                .isEqualTo(new Intent.CaseStatus(List.of("4512873"), 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"agent", "Agent", "human", "person", "representative", "talk to a person",
            "talk to agent", "Talk to an agent please", "I want to speak to a human", "customer service",
            "موظف", "خدمة العملاء", "أكلم موظف", "ابي موظف", "ابغى موظف", "اريد موظف", "كلم موظف",
            // after the normaliser and the folding: tatweel, bidi marks, hamza forms, diacritics, punctuation
            "\u200Fموظــف", "أريد موظفاً", "ابغي اكلم الموظف لو سمحت", "موظّف؟", "ممكن خدمة العملاء",
            "AGENT!", "  person  "})
    void askForPerson(String message) {
        assertThat(text(message)).as(message).isEqualTo(new Intent.AskForPerson());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // a case query that names a person is a case query
            "موظف 4512873", "agent 1446-000123", "ابي موظف عن القضية ١٢٣٤٥",
            // the word in passing, in a longer message
            "my agent said the case is late", "the person at the office told me to wait",
            "قال لي الموظف ان المعاملة جاهزة", "is a human reading this message or is it a bot answering",
            // help stays help
            "help", "I need help"})
    void notAskForPerson(String message) {
        assertThat(text(message)).as(message).isNotEqualTo(new Intent.AskForPerson());
    }

    @Test
    void talkToAgentPayload() {
        assertThat(recognizer.recognize(Channel.FACEBOOK, InboundKind.POSTBACK, "Talk to a person", "TALK_TO_AGENT",
                null)).isEqualTo(new Intent.AskForPerson());
        // the quick reply under the help text: text with the payload
        assertThat(recognizer.recognize(Channel.FACEBOOK, InboundKind.TEXT, "التحدث مع موظف", "TALK_TO_AGENT", null))
                .isEqualTo(new Intent.AskForPerson());
        assertThat(recognizer.recognize(Channel.TWITTER, InboundKind.TEXT, "Talk to a person", "talk_to_agent", null))
                .isEqualTo(new Intent.AskForPerson());
    }

    @Test
    void smsOptOutWinsOverEverything() {
        assertThat(recognizer.recognize(Channel.SMS, InboundKind.TEXT, "agent", null, "STOP"))
                .isInstanceOf(Intent.OptOut.class);
    }

    @Test
    void attachmentWithoutTextAsksForTheNumberAsText() {
        assertThat(recognizer.recognize(Channel.FACEBOOK, InboundKind.ATTACHMENT, "", null, null))
                .isEqualTo(new Intent.AskForCaseNumber(true));
    }

    @Test
    void anythingElseIsUnknown() {
        assertThat(text("Hello from a test phone!")).isInstanceOf(Intent.Unknown.class);
    }
    // --- arabic: keywords the way citizens write them (issue 12) ---

    @ParameterizedTest
    @ValueSource(strings = {"مساعده", "مُساعدة", "مساااعدة", "مسـاعدة", "HELP!", "heeelp", "ساعدني لو سمحت", "??", "؟"})
    void helpHowEverItIsSpelt(String message) {
        assertThat(text(message)).as(message).isInstanceOf(Intent.Help.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"إيقاف", "ايقاف", "الغاء", "إلغاء", "توقف", "إيقــاف", "إيقاااف", "إِلْغَاء", "أوقف",
            "إلغاء الاشتراك", "  ايقاف.  "})
    void arabicOptOutIsTheBotsToConfirm(String message) {
        assertThat(text(message)).as(message).isEqualTo(new Intent.OptOut(false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop", "Stop", " stop ", "STOPALL", "unsubscribe", "End", "quit", "cancel"})
    void twilioOptOutWordsAreTwiliosToConfirm(String message) {
        assertThat(text(message)).as(message).isEqualTo(new Intent.OptOut(true));
    }

    @Test
    void aStopTwilioWouldNotRecogniseIsStillAnOptOutThatTheBotConfirms() {
        // a repeated letter folds away; Twilio matches its keywords exactly, so the bot confirms this one itself
        assertThat(text("STOPP")).isEqualTo(new Intent.OptOut(false));
        assertThat(text("stop!")).isEqualTo(new Intent.OptOut(false));
    }

    @Test
    void optInInArabicAndEnglish() {
        assertThat(text("اشتراك")).isEqualTo(new Intent.OptIn(false));
        assertThat(text("تفعيل")).isEqualTo(new Intent.OptIn(false));
        assertThat(text("إعادة الاشتراك")).isEqualTo(new Intent.OptIn(false));
        assertThat(text("start")).isEqualTo(new Intent.OptIn(true));
        assertThat(text("START")).isEqualTo(new Intent.OptIn(true));
        assertThat(recognizer.recognize(Channel.SMS, InboundKind.TEXT, "اشتراك", null, "START"))
                .isEqualTo(new Intent.OptIn(true));
    }

    @Test
    void arabicOptOutWordsAreSmsOnlyAndTheWholeMessage() {
        assertThat(recognizer.recognize(Channel.FACEBOOK, InboundKind.TEXT, "إيقاف", null, null))
                .isNotInstanceOf(Intent.OptOut.class);
        assertThat(text("لماذا تم إيقاف المعاملة")).isNotInstanceOf(Intent.OptOut.class);
        assertThat(text("الغاء 1446-000123")).isEqualTo(new Intent.Unfollow("1446-000123"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "السلام عليكم|true", "السلام عليكم ورحمة الله وبركاته|true", "السّلامُ عليكُم|true", "سلام|true",
            "مرحبا|false", "مرحباً|false", "مرحبااا|false", "أهلاً|false", "hi|false", "Hi!|false", "hiii|false",
            "hello|false", "Hello there|false", "HELLO|false", "hey|false", "صباح الخير|false", "good morning|false"})
    void greetings(String message, boolean salam) {
        assertThat(text(message)).as(message).isEqualTo(new Intent.Greeting(salam));
    }

    @ParameterizedTest
    @ValueSource(strings = {"شكرا", "شكراً", "شكرًا جزيلاً", "شكرا لك", "مشكور", "يعطيك العافية", "thanks",
            "Thanks!", "thank you", "Thank you so much", "thanks for the help", "ok thanks", "hi, thanks"})
    void thanks(String message) {
        assertThat(text(message)).as(message).isEqualTo(new Intent.Thanks());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Status?", "status", "حالة؟", "الحالة", "وش صار على معاملتي", "وش صار على معاملتى؟",
            "ايش صار على طلبي", "what's the status of my case?", "any update?", "حالة القضية", "ابي اعرف حالة معاملتي",
            "السلام عليكم وش صار على معاملتي"})
    void statusWithoutANumber(String message) {
        assertThat(text(message)).as(message).isEqualTo(new Intent.StatusOfLastCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // a number makes it a case query
            "حالة 4512873", "hi 4512873", "شكرا 1446-000123",
            // greeting or thanks with a question are not the short answer
            "hello I need help", "مرحبا ابي مساعدة", "thanks but my case is still late",
            "is there an update on the road works near the office today please"})
    void notAShortMessage(String message) {
        assertThat(text(message)).as(message)
                .isNotInstanceOf(Intent.Greeting.class).isNotInstanceOf(Intent.Thanks.class)
                .isNotInstanceOf(Intent.StatusOfLastCase.class);
    }

    @Test
    void doubleLettersInEnglishKeywordsStillMatch() {
        // keyword and message fold the same way: "hello" → "helo" on both sides, "staff" → "staf"
        assertThat(text("hello")).isEqualTo(new Intent.Greeting(false));
        assertThat(text("staff please")).isEqualTo(new Intent.AskForPerson());
        assertThat(text("I need to speak to a person")).isEqualTo(new Intent.AskForPerson());
    }

    @Test
    void foldingNeverTouchesCaseNumbers() {
        // repeated digits are kept: 1446-000123 is not 146-0123
        assertThat(text("مساااعدة 1446-000123")).isEqualTo(new Intent.CaseStatus(List.of("1446-000123"), 0));
        assertThat(text("حالة ١١١٢٢٢")).isEqualTo(new Intent.CaseStatus(List.of("111222"), 0));
    }

    @Test
    void nearMissUnderAStrictPattern() {
        IntentRecognizer strict = new IntentRecognizer(new CaseNumberRecognizer(NearMissNumbersTest.STRICT), 3);
        assertThat(strict.recognize(Channel.SMS, InboundKind.TEXT, "حالة 1446000123", null, null))
                .isEqualTo(new Intent.NearMiss("1446-000123"));
        assertThat(strict.recognize(Channel.SMS, InboundKind.TEXT, "1446-000123", null, null))
                .isEqualTo(new Intent.CaseStatus(List.of("1446-000123"), 0));
        // the suggestion's quick reply: tapped, it is a query for that number; a forged payload is not
        assertThat(strict.recognize(Channel.FACEBOOK, InboundKind.TEXT, "1446-000123", "CASE:1446-000123", null))
                .isEqualTo(new Intent.CaseStatus(List.of("1446-000123"), 0));
        assertThat(strict.recognize(Channel.TWITTER, InboundKind.TEXT, "", "CASE:1446-000123", null))
                .isEqualTo(new Intent.CaseStatus(List.of("1446-000123"), 0));
        assertThat(strict.recognize(Channel.FACEBOOK, InboundKind.TEXT, "", "CASE:' or 1=1", null))
                .isInstanceOf(Intent.Unknown.class);
    }
}
