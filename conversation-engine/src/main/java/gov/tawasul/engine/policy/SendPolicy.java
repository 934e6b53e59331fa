package gov.tawasul.engine.policy;

import gov.tawasul.engine.intent.Intent;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.ConversationState;
import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.model.Origin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one answer to "may this message be sent now, and how", asked by the outbox for every origin before a row is
 * queued. Rules common to every channel come first:
 * <ol>
 *   <li>a citizen who opted out of this sender gets nothing, whatever the origin, staff included (SMS STOP per
 *       (citizen, our number); other channels' opt-outs; the provider would refuse it anyway, e.g. Twilio 21610);
 *       the bot's own confirmation of an opt-out keyword is sent by {@code OptOutConfirmations} as the conversation
 *       was before the keyword;</li>
 *   <li>a conversation held by a person gets no {@link Origin#BOT} message: none while it is {@code WITH_AGENT};
 *       while it is {@code WAITING_FOR_AGENT} only the bot's answer to a case-status query (the citizen still gets
 *       the status while waiting for staff), nothing else;</li>
 * </ol>
 * then the channel's own {@link ChannelPolicy} (window, tags, text folding), when it has one.
 * Pure: no I/O.
 */
@ApplicationScoped
public class SendPolicy {

    private final Map<Channel, ChannelPolicy> byChannel = new EnumMap<>(Channel.class);

    @Inject
    SendPolicy(Instance<ChannelPolicy> policies) {
        for (ChannelPolicy policy : policies) {
            if (byChannel.put(policy.channel(), policy) != null) {
                throw new IllegalStateException("two ChannelPolicy beans for " + policy.channel());
            }
        }
    }

    /** For tests without CDI. */
    public static SendPolicy of(ChannelPolicy... policies) {
        SendPolicy policy = new SendPolicy();
        for (ChannelPolicy p : policies) {
            policy.byChannel.put(p.channel(), p);
        }
        return policy;
    }

    private SendPolicy() {
    }

    /**
     * A message that answers no inbound message; see {@link #decide(Origin, String, String, ConversationView,
     * Instant)}.
     */
    public SendDecision decide(Origin origin, String text, ConversationView conversation, Instant now) {
        return decide(origin, null, text, conversation, now);
    }

    /**
     * @param origin        who sends
     * @param answersIntent for a {@link Origin#BOT} reply, the stored intent name of the inbound message it answers
     *                      (e.g. {@link Intent#CASE_STATUS}); null for any other message
     * @param text          the text, within the channel's length limit
     * @param conversation  the conversation the message belongs to
     * @param now           the current time
     * @return allow (text as it must leave, segments, options) or refuse (reason)
     */
    public SendDecision decide(Origin origin, String answersIntent, String text, ConversationView conversation,
                               Instant now) {
        return decide(origin, answersIntent, text, conversation.locale(), conversation, now);
    }

    /**
     * As {@link #decide(Origin, String, String, ConversationView, Instant)}, with the message's own language (a
     * notification's, a reply's) for channel rules that depend on it (WhatsApp templates per locale).
     *
     * @param locale the message's language ({@code ar}/{@code en}); null: the conversation's
     */
    public SendDecision decide(Origin origin, String answersIntent, String text, String locale,
                               ConversationView conversation, Instant now) {
        Optional<SendDecision.Refuse> refused = commonRefusal(origin, answersIntent, conversation);
        if (refused.isPresent()) {
            return refused.get();
        }
        ChannelPolicy channel = byChannel.get(conversation.channel());
        return channel == null ? SendDecision.Allow.as(text)
                : channel.decide(origin, text, locale == null ? conversation.locale() : locale, conversation, now);
    }

    /**
     * @return true when the bot itself confirms opt-out and opt-in keywords on {@code channel}
     *         ({@link ChannelPolicy#botConfirmsOptOut()}: WhatsApp), false when the provider does or there are none
     */
    public boolean botConfirmsOptOut(Channel channel) {
        ChannelPolicy policy = byChannel.get(channel);
        return policy != null && policy.botConfirmsOptOut();
    }

    /**
     * The rules common to every channel alone (no text, no channel rule): what the engine asks before it spends a
     * case lookup on a message it could not answer anyway.
     *
     * @param origin        who sends
     * @param answersIntent for a bot reply, the intent name of the inbound message it answers, else null
     * @param conversation  the conversation
     * @return the refusal, or empty when the common rules allow a message of this origin
     */
    public Optional<SendDecision.Refuse> commonRefusal(Origin origin, String answersIntent,
                                                       ConversationView conversation) {
        if (conversation.optedOut()) {
            return Optional.of(new SendDecision.Refuse(SendDecision.Reason.OPTED_OUT,
                    "the citizen opted out of messages from " + conversation.bot().value()));
        }
        boolean caseAnswerWhileWaiting = conversation.state() == ConversationState.WAITING_FOR_AGENT
                && Intent.CASE_STATUS.equals(answersIntent);
        if (origin == Origin.BOT && conversation.state().isHeldByPerson() && !caseAnswerWhileWaiting) {
            return Optional.of(new SendDecision.Refuse(SendDecision.Reason.HELD_BY_PERSON,
                    "the conversation is " + conversation.state() + (conversation.state() == ConversationState.WITH_AGENT
                            ? ": the bot stays silent" : ": the bot answers case-status queries only")));
        }
        return Optional.empty();
    }

}
