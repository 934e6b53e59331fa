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
        check(SendPolicy.of().decide(origin, "نص", sms(state, optedOut), NOW), refusal);
    }

    /** A bot reply, by the intent it answers: while waiting for staff only a case status. */
    static Stream<Arguments> botReplies() {
        SendDecision.Reason held = SendDecision.Reason.HELD_BY_PERSON;
        return Stream.of(
                Arguments.of("CASE_STATUS", ConversationState.WAITING_FOR_AGENT, false, null),
                Arguments.of("CASE_STATUS", ConversationState.WITH_AGENT, false, held),
                Arguments.of("CASE_STATUS", ConversationState.BOT, false, null),
                Arguments.of("HELP", ConversationState.WAITING_FOR_AGENT, false, held),
                Arguments.of("ASK_FOR_PERSON", ConversationState.WAITING_FOR_AGENT, false, held),
                Arguments.of("ASK_FOR_PERSON", ConversationState.BOT, false, null),
                Arguments.of("ASK_FOR_PERSON", ConversationState.CLOSED, false, null),
                Arguments.of("CASE_STATUS", ConversationState.WAITING_FOR_AGENT, true,
                        SendDecision.Reason.OPTED_OUT));
    }

    @ParameterizedTest(name = "a bot reply to {0} in a {1} conversation, opted out {2} → {3}")
    @MethodSource("botReplies")
    void botRepliesByTheIntentTheyAnswer(String intent, ConversationState state, boolean optedOut,
                                         SendDecision.Reason refusal) {
        check(SendPolicy.of().decide(Origin.BOT, intent, "نص", sms(state, optedOut), NOW), refusal);
        assertThat(SendPolicy.of().commonRefusal(Origin.BOT, intent, sms(state, optedOut)).map(SendDecision.Refuse::reason))
                .isEqualTo(java.util.Optional.ofNullable(refusal));
    }

    private static void check(SendDecision decision, SendDecision.Reason refusal) {
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
