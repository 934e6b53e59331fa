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
}
