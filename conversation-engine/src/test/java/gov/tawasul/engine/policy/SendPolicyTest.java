package gov.tawasul.engine.policy;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.ConversationState;
import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.model.Origin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The send policy as a table: origin × conversation → allowed or refused (and why); then the channel's rule. */
class SendPolicyTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    static ConversationView sms(ConversationState state, boolean optedOut) {
        return new ConversationView(1, new Address(Channel.SMS, "+966500000001"),
                new Address(Channel.SMS, "+15555550199"), state, "ar", NOW.minusSeconds(60), optedOut);
    }

    static Stream<Arguments> commonRules() {
        SendDecision.Reason optedOut = SendDecision.Reason.OPTED_OUT;
        SendDecision.Reason held = SendDecision.Reason.HELD_BY_PERSON;
        return Stream.of(
                Arguments.of(Origin.BOT, ConversationState.BOT, false, null),
                Arguments.of(Origin.BOT, ConversationState.CLOSED, false, null),
                Arguments.of(Origin.BOT, ConversationState.WITH_AGENT, false, held),
                Arguments.of(Origin.BOT, ConversationState.WAITING_FOR_AGENT, false, held),
                Arguments.of(Origin.AGENT, ConversationState.WITH_AGENT, false, null),
                Arguments.of(Origin.NOTIFICATION, ConversationState.WITH_AGENT, false, null),
                Arguments.of(Origin.SYSTEM, ConversationState.WAITING_FOR_AGENT, false, null),
                Arguments.of(Origin.BOT, ConversationState.BOT, true, optedOut),
                Arguments.of(Origin.AGENT, ConversationState.WITH_AGENT, true, optedOut),
                Arguments.of(Origin.NOTIFICATION, ConversationState.BOT, true, optedOut),
                Arguments.of(Origin.SYSTEM, ConversationState.BOT, true, optedOut));
    }

    @ParameterizedTest(name = "{0} in a {1} conversation, opted out {2} → {3}")
    @MethodSource("commonRules")
    void commonRules(Origin origin, ConversationState state, boolean optedOut, SendDecision.Reason refusal) {
        SendDecision decision = SendPolicy.of().decide(origin, "نص", sms(state, optedOut), NOW);
        if (refusal == null) {
            assertThat(decision).isEqualTo(SendDecision.Allow.as("نص"));
        } else {
            assertThat(decision).isInstanceOfSatisfying(SendDecision.Refuse.class,
                    r -> assertThat(r.reason()).isEqualTo(refusal));
        }
    }

    @Test
    void theChannelRuleIsAskedOnlyAfterTheCommonRulesAllowAndOnlyForItsChannel() {
        ChannelPolicy sms = new ChannelPolicy() {
            @Override
            public Channel channel() {
                return Channel.SMS;
            }

            @Override
            public SendDecision decide(Origin origin, String text, ConversationView conversation, Instant now) {
                return new SendDecision.Allow(text.toUpperCase(), 1, Map.of("folded", "yes"));
            }
        };
        SendPolicy policy = SendPolicy.of(sms);
        assertThat(policy.decide(Origin.BOT, "hello", sms(ConversationState.BOT, false), NOW))
                .isEqualTo(new SendDecision.Allow("HELLO", 1, Map.of("folded", "yes")));
        assertThat(policy.decide(Origin.BOT, "hello", sms(ConversationState.BOT, true), NOW))
                .isInstanceOf(SendDecision.Refuse.class);
        ConversationView messenger = new ConversationView(2, new Address(Channel.FACEBOOK, "1"),
                new Address(Channel.FACEBOOK, "2"), ConversationState.BOT, null, NOW, false);
        assertThat(policy.decide(Origin.BOT, "hello", messenger, NOW)).isEqualTo(SendDecision.Allow.as("hello"));
    }
}
