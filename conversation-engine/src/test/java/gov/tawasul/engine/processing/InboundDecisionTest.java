package gov.tawasul.engine.processing;

import gov.tawasul.engine.intent.Intent;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.ConversationState;
import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.policy.SendPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the engine does with an inbound message, as a table: intent × own address × conversation → decision. */
class InboundDecisionTest {

    static final Intent CASE = new Intent.CaseStatus(List.of("1446-000123"), 0);
    static final Intent HELP = new Intent.Help();
    static final Intent STOP = new Intent.OptOut();
    static final Intent START = new Intent.OptIn();
    static final Intent PERSON = new Intent.AskForPerson();
    static final Intent ANOTHER = new Intent.AskForCaseNumber(false);

    static Stream<Arguments> table() {
        return Stream.of(
                // label, intent, from our own address, state, opted out, expected
                row("a case number in a bot conversation is answered", CASE, false, ConversationState.BOT, false,
                        new InboundDecision.Answer(CASE)),
                row("help is answered", HELP, false, ConversationState.BOT, false, new InboundDecision.Answer(HELP)),
                row("a closed conversation is the bot's again", CASE, false, ConversationState.CLOSED, false,
                        new InboundDecision.Answer(CASE)),
                row("STOP records the opt-out", STOP, false, ConversationState.BOT, false,
                        new InboundDecision.RecordOptOut()),
                row("STOP is recorded even while a person holds the conversation", STOP, false,
                        ConversationState.WITH_AGENT, false, new InboundDecision.RecordOptOut()),
                row("START lifts an opt-out", START, false, ConversationState.BOT, true,
                        new InboundDecision.LiftOptOut()),
                row("an opted-out citizen gets no answer", CASE, false, ConversationState.BOT, true,
                        new InboundDecision.Ignore("OPTED_OUT")),
                row("our own number writing is a loop, never answered", HELP, true, ConversationState.BOT, false,
                        new InboundDecision.Ignore("OWN_ADDRESS")),
                row("own address wins over a held conversation", CASE, true, ConversationState.WITH_AGENT, false,
                        new InboundDecision.Ignore("OWN_ADDRESS")),
                row("a conversation with an agent goes to the agent", CASE, false, ConversationState.WITH_AGENT,
                        false, new InboundDecision.HandToPerson(CASE)),
                row("a conversation waiting for an agent goes to the agents", HELP, false,
                        ConversationState.WAITING_FOR_AGENT, false, new InboundDecision.HandToPerson(HELP)),
                row("opted out and held: opt-out wins (nobody may write to them)", CASE, false,
                        ConversationState.WITH_AGENT, true, new InboundDecision.Ignore("OPTED_OUT")),
                // asking for a person
                row("asking for a person in a bot conversation requests a handoff", PERSON, false,
                        ConversationState.BOT, false, new InboundDecision.RequestHandoff()),
                row("asking for a person in a closed conversation requests a handoff", PERSON, false,
                        ConversationState.CLOSED, false, new InboundDecision.RequestHandoff()),
                row("asking again while waiting is the staff's (the bot said it once)", PERSON, false,
                        ConversationState.WAITING_FOR_AGENT, false, new InboundDecision.HandToPerson(PERSON)),
                row("asking while an agent holds it is the agent's", PERSON, false, ConversationState.WITH_AGENT,
                        false, new InboundDecision.HandToPerson(PERSON)),
                row("a case query while waiting is still answered by the bot", CASE, false,
                        ConversationState.WAITING_FOR_AGENT, false, new InboundDecision.Answer(CASE)),
                row("another-case button while waiting is the staff's", ANOTHER, false,
                        ConversationState.WAITING_FOR_AGENT, false, new InboundDecision.HandToPerson(ANOTHER)),
                row("STOP while waiting records the opt-out", STOP, false, ConversationState.WAITING_FOR_AGENT,
                        false, new InboundDecision.RecordOptOut()),
                row("START while an agent holds it lifts the opt-out", START, false, ConversationState.WITH_AGENT,
                        true, new InboundDecision.LiftOptOut()),
                row("an opted-out citizen asking for a person: nobody may write to them", PERSON, false,
                        ConversationState.BOT, true, new InboundDecision.Ignore("OPTED_OUT")),
                row("opted out while waiting: a case query is not answered either", CASE, false,
                        ConversationState.WAITING_FOR_AGENT, true, new InboundDecision.Ignore("OPTED_OUT")),
                row("our own address asking for a person is still a loop", PERSON, true, ConversationState.BOT,
                        false, new InboundDecision.Ignore("OWN_ADDRESS")));
    }

    static Arguments row(String label, Intent intent, boolean own, ConversationState state, boolean optedOut,
                         InboundDecision expected) {
        return Arguments.of(label, intent, own, state, optedOut, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String label, Intent intent, boolean fromOwnAddress, ConversationState state, boolean optedOut,
                 InboundDecision expected) {
        ConversationView conversation = new ConversationView(1, new Address(Channel.SMS, "+966500000001"),
                new Address(Channel.SMS, "+15555550199"), state, "ar", Instant.parse("2026-12-01T10:00:00Z"),
                optedOut);
        assertThat(InboundDecision.decide(intent, fromOwnAddress, conversation, SendPolicy.of()))
                .as(label).isEqualTo(expected);
    }
}
