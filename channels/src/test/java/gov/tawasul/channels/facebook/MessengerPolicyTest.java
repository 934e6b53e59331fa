package gov.tawasul.channels.facebook;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.ConversationState;
import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.policy.SendDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Messenger's 24-hour standard messaging window and the 7-day HUMAN_AGENT tag, by origin. */
class MessengerPolicyTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Map<String, String> RESPONSE = Map.of("messaging_type", "RESPONSE");
    static final Map<String, String> HUMAN_AGENT = Map.of("messaging_type", "MESSAGE_TAG", "tag", "HUMAN_AGENT");

    private final MessengerPolicy policy = new MessengerPolicy();

    static ConversationView conversation(Instant lastInboundAt) {
        return new ConversationView(5, new Address(Channel.FACEBOOK, FbFixtures.PSID_1),
                new Address(Channel.FACEBOOK, FbFixtures.PAGE_ID), ConversationState.BOT, "ar", lastInboundAt, false);
    }

    /**
     * @param sinceLastInbound how long ago the citizen last wrote (ISO-8601 duration; negative: a clock ahead of
     *                         ours); empty when the citizen never wrote
     * @param expected         RESPONSE, HUMAN_AGENT (allowed with these options) or the fragment of the refusal detail
     */
    @ParameterizedTest(name = "{0} {1} after the last inbound → {2}")
    @CsvSource(delimiter = '|', value = {
            "BOT          | PT0S        | RESPONSE",
            "BOT          | PT23H59M    | RESPONSE",
            "BOT          | PT24H       | RESPONSE",
            "BOT          | PT24H1S     | more than 24 hours ago",
            "BOT          | P3D         | more than 24 hours ago",
            "BOT          | -PT5M       | RESPONSE",
            "NOTIFICATION | PT1H        | RESPONSE",
            "NOTIFICATION | PT24H1S     | more than 24 hours ago",
            "SYSTEM       | PT12H       | RESPONSE",
            "SYSTEM       | PT48H       | more than 24 hours ago",
            "AGENT        | PT1H        | RESPONSE",
            "AGENT        | PT24H       | RESPONSE",
            "AGENT        | PT24H1S     | HUMAN_AGENT",
            "AGENT        | P6DT23H     | HUMAN_AGENT",
            "AGENT        | P7D         | HUMAN_AGENT",
            "AGENT        | P7DT1S      | more than 7 days ago",
            "AGENT        | P30D        | more than 7 days ago",
            "BOT          |             | never wrote",
            "NOTIFICATION |             | never wrote",
            "SYSTEM       |             | never wrote",
            "AGENT        |             | never wrote",
    })
    void decides(Origin origin, Duration sinceLastInbound, String expected) {
        Instant last = sinceLastInbound == null ? null : NOW.minus(sinceLastInbound);
        SendDecision decision = policy.decide(origin, "Case 1446-000123: Under review", conversation(last), NOW);
        switch (expected) {
            case "RESPONSE" -> assertThat(decision)
                    .isEqualTo(new SendDecision.Allow("Case 1446-000123: Under review", null, RESPONSE));
            case "HUMAN_AGENT" -> assertThat(decision)
                    .isEqualTo(new SendDecision.Allow("Case 1446-000123: Under review", null, HUMAN_AGENT));
            default -> {
                assertThat(decision).isInstanceOf(SendDecision.Refuse.class);
                SendDecision.Refuse refuse = (SendDecision.Refuse) decision;
                assertThat(refuse.reason()).isEqualTo(SendDecision.Reason.OUTSIDE_WINDOW);
                assertThat(refuse.detail()).contains(expected).contains(last == null ? origin.name() : last.toString());
            }
        }
    }

    @Test
    void refusalOfTheBotNamesUntilWhenAPersonMayStillAnswer() {
        Instant last = NOW.minus(Duration.ofHours(30));
        SendDecision.Refuse refuse = (SendDecision.Refuse) policy.decide(Origin.BOT, "late", conversation(last), NOW);
        assertThat(refuse.detail()).isEqualTo("the citizen last wrote at 2026-02-28T06:00:00Z, more than 24 hours "
                + "ago: outside Messenger's standard messaging window no BOT message may be sent; only a staff member "
                + "may still answer (HUMAN_AGENT tag) until 2026-03-07T06:00:00Z");
    }

    @Test
    void rulesMessengerAndKeepsTheText() {
        assertThat(policy.channel()).isEqualTo(Channel.FACEBOOK);
        String text = "حالة المعاملة ٤٥١٢٨٧٣ 👋";
        SendDecision.Allow allow = (SendDecision.Allow) policy.decide(Origin.BOT, text, conversation(NOW), NOW);
        assertThat(allow.text()).isSameAs(text);
        assertThat(allow.segments()).isNull();
    }
}
