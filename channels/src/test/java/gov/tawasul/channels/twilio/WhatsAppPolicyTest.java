package gov.tawasul.channels.twilio;

import com.fasterxml.jackson.databind.ObjectMapper;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.ConversationState;
import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.policy.SendDecision;
import gov.tawasul.engine.policy.SendPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** WhatsApp's 24-hour window, its templates and the bot's own opt-out confirmation, without Quarkus. */
class WhatsAppPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final String NOTIFICATION_EN = "HX00000000000000000000000000000001";
    private static final String AGENT_AR = "HX00000000000000000000000000000002";

    private final WhatsAppPolicy policy = new WhatsAppPolicy(Map.of(
            "notification", Map.of("en", NOTIFICATION_EN),
            "agent", Map.of("ar", AGENT_AR)), "ar");

    private static ConversationView conversation(Instant lastInbound, String locale, boolean optedOut) {
        return new ConversationView(1, new Address(Channel.WHATSAPP, "+15555550100"),
                new Address(Channel.WHATSAPP, "+15555550199"), ConversationState.BOT, locale, lastInbound, optedOut);
    }

    @Test
    void insideTheWindowEveryOriginSendsFreeTextUnchanged_noSegments() {
        String text = "Case 1446-000123 is now “Approved” — thank you";
        for (Origin origin : Origin.values()) {
            SendDecision d = policy.decide(origin, text, "en", conversation(NOW.minus(Duration.ofHours(23)), "en",
                    false), NOW);
            assertThat(d).isEqualTo(new SendDecision.Allow(text, null, Map.of()));
        }
    }

    @Test
    void exactlyTwentyFourHoursAfterIsStillInside_oneMillisecondLaterIsOutside() {
        ConversationView c = conversation(NOW.minus(WhatsAppPolicy.WINDOW), "en", false);
        assertThat(policy.decide(Origin.BOT, "hi", "en", c, NOW)).isInstanceOf(SendDecision.Allow.class);
        SendDecision later = policy.decide(Origin.BOT, "hi", "en", c, NOW.plusMillis(1));
        assertThat(later).isInstanceOf(SendDecision.Refuse.class);
        assertThat(((SendDecision.Refuse) later).reason()).isEqualTo(SendDecision.Reason.OUTSIDE_WINDOW);
        assertThat(((SendDecision.Refuse) later).detail()).contains("tawasul.whatsapp.templates.bot.en");
    }

    @Test
    void outsideTheWindowTheTemplateOfTheOriginAndLocaleIsUsed_textOnOneLineAsItsVariable() throws Exception {
        ConversationView c = conversation(NOW.minus(Duration.ofDays(3)), "en", false);
        SendDecision d = policy.decide(Origin.NOTIFICATION, "Case 1446-000123 is now: Approved.\n\nNext:\tcome   in",
                "en", c, NOW);
        assertThat(d).isInstanceOf(SendDecision.Allow.class);
        SendDecision.Allow allow = (SendDecision.Allow) d;
        assertThat(allow.segments()).isNull();
        assertThat(allow.options()).containsEntry(WhatsAppPolicy.CONTENT_SID, NOTIFICATION_EN);
        assertThat(new ObjectMapper().readTree(allow.options().get(WhatsAppPolicy.CONTENT_VARIABLES)).path("1")
                .asText()).isEqualTo("Case 1446-000123 is now: Approved. Next: come in");
    }

    @Test
    void aCitizenWhoNeverWroteGetsOnlyATemplate() {
        SendDecision d = policy.decide(Origin.AGENT, "مرحباً", "ar", conversation(null, null, false), NOW);
        assertThat(((SendDecision.Allow) d).options()).containsEntry(WhatsAppPolicy.CONTENT_SID, AGENT_AR);
    }

    @Test
    void noTemplateForTheOriginOrLocale_refusedOutsideWindowNamingTheSetting() {
        ConversationView c = conversation(NOW.minus(Duration.ofDays(2)), "ar", false);
        SendDecision ar = policy.decide(Origin.NOTIFICATION, "…", "ar", c, NOW);
        assertThat(ar).isEqualTo(new SendDecision.Refuse(SendDecision.Reason.OUTSIDE_WINDOW,
                ((SendDecision.Refuse) ar).detail()));
        assertThat(((SendDecision.Refuse) ar).detail()).contains("tawasul.whatsapp.templates.notification.ar")
                .contains("more than 24 hours ago");
        SendDecision system = policy.decide(Origin.SYSTEM, "…", "en", c, NOW);
        assertThat(((SendDecision.Refuse) system).detail()).contains("tawasul.whatsapp.templates.system.en");
    }

    @Test
    void withoutALocaleTheConversationsThenTheDefaultLocaleIsUsed() {
        ConversationView noLocale = conversation(NOW.minus(Duration.ofDays(2)), null, false);
        assertThat(policy.decide(Origin.AGENT, "x", noLocale, NOW)).isInstanceOf(SendDecision.Allow.class);
    }

    @Test
    void aLongTextIsCutInTheVariableButNotInTheStoredText() throws Exception {
        String text = "ت".repeat(2000);
        SendDecision.Allow allow = (SendDecision.Allow) policy.decide(Origin.AGENT, text, "ar",
                conversation(null, "ar", false), NOW);
        assertThat(allow.text()).isEqualTo(text);
        assertThat(new ObjectMapper().readTree(allow.options().get(WhatsAppPolicy.CONTENT_VARIABLES)).path("1")
                .asText()).hasSize(WhatsAppPolicy.MAX_VARIABLE_LENGTH).endsWith("…");
    }

    @Test
    void theBotConfirmsKeywordsOnWhatsApp_andTheSendRuleStillRefusesEverythingToAnOptedOutCitizen() {
        SendPolicy send = SendPolicy.of(policy, new TwilioPolicy());
        assertThat(send.botConfirmsOptOut(Channel.WHATSAPP)).isTrue();
        assertThat(send.botConfirmsOptOut(Channel.SMS)).isFalse();
        ConversationView optedOut = conversation(NOW.minusSeconds(5), "en", true);
        // the confirmation itself is sent by OptOutConfirmations as the conversation was before the keyword
        assertThat(((SendDecision.Refuse) send.decide(Origin.BOT, "OPT_OUT", "You will get no more messages",
                optedOut, NOW)).reason()).isEqualTo(SendDecision.Reason.OPTED_OUT);
        for (Origin origin : Origin.values()) {
            SendDecision d = send.decide(origin, origin == Origin.BOT ? "CASE_STATUS" : null, "status", optedOut, NOW);
            assertThat(((SendDecision.Refuse) d).reason()).isEqualTo(SendDecision.Reason.OPTED_OUT);
        }
        SendDecision notification = send.decide(Origin.NOTIFICATION, "OPT_OUT", "x", optedOut, NOW);
        assertThat(((SendDecision.Refuse) notification).reason()).isEqualTo(SendDecision.Reason.OPTED_OUT);
    }
}
