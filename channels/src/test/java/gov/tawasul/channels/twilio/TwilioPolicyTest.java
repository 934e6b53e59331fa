package gov.tawasul.channels.twilio;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.ConversationState;
import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.policy.SendDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioPolicyTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final ConversationView CONVERSATION = new ConversationView(1, new Address(Channel.SMS, "+966500000001"),
            new Address(Channel.SMS, "+15555550199"), ConversationState.BOT, "en", null, false);

    private final TwilioPolicy policy = new TwilioPolicy();

    private SendDecision.Allow decide(String text) {
        return (SendDecision.Allow) policy.decide(Origin.BOT, text, CONVERSATION, NOW);
    }

    @Test
    void rulesSms() {
        assertThat(policy.channel()).isEqualTo(Channel.SMS);
    }

    @Test
    void oneApostropheNoLongerMakesAnEnglishTextUcs2() {
        String text = "Case 1446-000123: it\u2019s under review. Next step \u2014 none. " + "x".repeat(95);
        assertThat(text).hasSize(150);
        assertThat(SmsSegments.count(text)).isEqualTo(new SmsSegments.Count(SmsSegments.Encoding.UCS2, 150, 3));

        assertThat(decide(text)).isEqualTo(new SendDecision.Allow(
                "Case 1446-000123: it's under review. Next step - none. " + "x".repeat(95), 1, Map.of()));
    }

    @Test
    void theEllipsisCostsThreeSeptets() {
        // 158 + "..." = 161 septets: two GSM-7 segments
        assertThat(decide("a".repeat(158) + "\u2026")).isEqualTo(
                new SendDecision.Allow("a".repeat(158) + "...", 2, Map.of()));
        assertThat(decide("a".repeat(157) + "\u2026").segments()).isEqualTo(1);
    }

    @Test
    void extensionCharactersCountTwoAfterFolding() {
        // 155 + "[" + "]" (2 septets each) + "'" = 160 septets: one segment; one more character: two
        assertThat(decide("a".repeat(155) + "[]\u2019")).isEqualTo(
                new SendDecision.Allow("a".repeat(155) + "[]'", 1, Map.of()));
        assertThat(decide("a".repeat(156) + "[]\u2019").segments()).isEqualTo(2);
    }

    @Test
    void arabicTextIsLeftAsItIs() {
        String text = "\u062D\u0627\u0644\u0629 \u0627\u0644\u0642\u0636\u064A\u0629 1446\u2013000123 \u2014 \u201C\u0642\u064A\u062F \u0627\u0644\u062F\u0631\u0627\u0633\u0629\u201D";
        SendDecision.Allow allow = decide(text);
        assertThat(allow.text()).isSameAs(text);
        assertThat(allow.segments()).isEqualTo(1);
        assertThat(decide("\u062A".repeat(71)).segments()).isEqualTo(2);
    }

    @Test
    void aTextThatStaysUcs2EvenFoldedIsLeftAsItIs() {
        String text = "It\u2019s done \uD83D\uDC4D";
        assertThat(decide(text)).isEqualTo(new SendDecision.Allow(text, 1, Map.of()));
        String polish = "Sprawa za\u0142atwiona \u2014 dzi\u0119kujemy";
        assertThat(decide(polish).text()).isEqualTo(polish);
    }

    @Test
    void plainGsm7TextIsUnchanged() {
        assertThat(decide("Case 1446-000123: Under review")).isEqualTo(
                new SendDecision.Allow("Case 1446-000123: Under review", 1, Map.of()));
        assertThat(decide("a".repeat(161)).segments()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Origin.class)
    void everyOriginIsAllowedWhateverTheConversation(Origin origin) {
        ConversationView never = new ConversationView(2, CONVERSATION.citizen(), CONVERSATION.bot(),
                ConversationState.WITH_AGENT, null, null, false);
        assertThat(policy.decide(origin, "It\u2019s ok", never, NOW))
                .isEqualTo(new SendDecision.Allow("It's ok", 1, Map.of()));
    }
}
