package gov.tawasul.engine.processing;

import gov.tawasul.engine.intent.Intent;
import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.policy.SendDecision;
import gov.tawasul.engine.policy.SendPolicy;

/**
 * What the engine does with one inbound message, decided by {@link #decide} — a pure function of the recognised
 * intent, whether the sender is one of our own addresses and the conversation, tested as a table.
 */
public sealed interface InboundDecision {

    /**
     * The citizen sent an opt-out keyword: record the opt-out.
     *
     * @param confirm false: answer nothing (the provider confirms it: Twilio's own keywords); true: the bot confirms a
     *                new opt-out once (a keyword only the bot knows, e.g. {@code إيقاف})
     */
    record RecordOptOut(boolean confirm) implements InboundDecision {
        /** An opt-out the provider confirms. */
        public RecordOptOut() {
            this(false);
        }
    }

    /**
     * The citizen sent an opt-in keyword: lift the opt-out.
     *
     * @param confirm false: answer nothing (the provider confirms it); true: the bot confirms (e.g. {@code اشتراك})
     */
    record LiftOptOut(boolean confirm) implements InboundDecision {
        /** An opt-in the provider confirms. */
        public LiftOptOut() {
            this(false);
        }
    }

    /**
     * Store the message as handled and answer nothing.
     *
     * @param reason stored as the message's {@code intent}: {@code OWN_ADDRESS} (a loop: our own address wrote),
     *               {@code OPTED_OUT} (the citizen opted out of this sender)
     */
    record Ignore(String reason) implements InboundDecision {
    }

    /** A person holds the conversation: the message is theirs ({@code HANDED_OFF}), the bot stays silent. */
    record HandToPerson(Intent intent) implements InboundDecision {
    }

    /**
     * The citizen asked for a person in a conversation the bot has ({@code BOT}, {@code CLOSED}): the conversation
     * waits for staff ({@code WAITING_FOR_AGENT}) and the bot says once that a staff member will answer.
     */
    record RequestHandoff() implements InboundDecision {
    }

    /** The bot answers the intent (the outbox still asks the channel's own rules before sending). */
    record Answer(Intent intent) implements InboundDecision {
    }

    /**
     * Decides, in this order: opt-out and opt-in keywords (also from an opted-out citizen: that is how one opts in
     * again); a message from one of our own addresses is ignored; then the send policy's common rules for a bot
     * reply to this intent (opted out → ignored; held by a person → handed to that person: everything while
     * {@code WITH_AGENT}, everything but a case-status query while {@code WAITING_FOR_AGENT}, including another
     * request for a person); a request for a person → {@link RequestHandoff}; else the bot answers.
     *
     * @param intent         what the message asks for
     * @param fromOwnAddress whether the sender is one of our own addresses on the channel
     * @param conversation   the conversation (state, opt-out)
     * @param policy         the send policy (pure)
     */
    static InboundDecision decide(Intent intent, boolean fromOwnAddress, ConversationView conversation,
                                  SendPolicy policy) {
        if (intent instanceof Intent.OptOut optOut) {
            return new RecordOptOut(!optOut.providerConfirms() || policy.botConfirmsOptOut(conversation.channel()));
        }
        if (intent instanceof Intent.OptIn optIn) {
            return new LiftOptOut(!optIn.providerConfirms() || policy.botConfirmsOptOut(conversation.channel()));
        }
        if (fromOwnAddress) {
            return new Ignore("OWN_ADDRESS");
        }
        return policy.commonRefusal(Origin.BOT, intent.name(), conversation)
                .<InboundDecision>map(refused -> refused.reason() == SendDecision.Reason.HELD_BY_PERSON
                        ? new HandToPerson(intent) : new Ignore(refused.reason().name()))
                .orElseGet(() -> intent instanceof Intent.AskForPerson ? new RequestHandoff() : new Answer(intent));
    }
}
