package gov.tawasul.engine.processing;

import gov.tawasul.engine.intent.IntentRecognizer;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.policy.SendPolicy;
import gov.tawasul.engine.store.Conversations;
import gov.tawasul.engine.text.TextNormalizer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who will answer a citizen message just stored, for a channel that shows it while the citizen waits (the web
 * chat's "typing…" or "a staff member will answer you here"): the same {@link InboundDecision#decide} the
 * {@link InboundHandler} takes, on the conversation as it is now (one read). A forecast, not a promise: an agent may
 * take the conversation before the handler runs, and "status?" while waiting for staff counts as a question for
 * staff even when the conversation has a case to answer it with.
 */
@ApplicationScoped
public class AnswerForecast {

    /** Who answers. */
    public enum Answerer {
        /** The bot answers (a reply, the acknowledgement of a request for a person, a confirmation). */
        BOT,
        /** A person holds the conversation: the message is theirs, the bot stays silent. */
        PERSON,
        /** Nobody: the message is recorded only (an opt-out the provider confirms, our own address, opted out). */
        NOBODY
    }

    private final Conversations conversations;
    private final IntentRecognizer intents;
    private final SendPolicy policy;

    AnswerForecast(Conversations conversations, IntentRecognizer intents, SendPolicy policy) {
        this.conversations = conversations;
        this.intents = intents;
        this.policy = policy;
    }

    /**
     * @param conversationId the conversation the message was stored in ({@code InboxResult.conversationId()})
     * @param message        the message as the channel gave it to the inbox
     * @return who will answer it; {@code NOBODY} when the conversation is unknown
     */
    public Uni<Answerer> answererOf(long conversationId, InboundMessage message) {
        return conversations.find(conversationId).map(found -> found.map(c -> {
            String text = TextNormalizer.normalize(message.text());
            var intent = intents.recognize(c.channel(), message.kind(), text, message.payload(),
                    message.attributes().get(InboundMessage.ATTR_OPT_OUT_TYPE));
            InboundDecision decision = InboundDecision.decide(intent, false, c, policy);
            if (decision instanceof InboundDecision.HandToPerson) {
                return Answerer.PERSON;
            }
            boolean answered = decision instanceof InboundDecision.Answer
                    || decision instanceof InboundDecision.RequestHandoff
                    || decision instanceof InboundDecision.RecordOptOut optOut && optOut.confirm()
                    || decision instanceof InboundDecision.LiftOptOut optIn && optIn.confirm();
            return answered ? Answerer.BOT : Answerer.NOBODY;
        }).orElse(Answerer.NOBODY));
    }
}
