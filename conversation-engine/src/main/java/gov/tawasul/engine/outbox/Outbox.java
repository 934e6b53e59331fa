package gov.tawasul.engine.outbox;

import gov.tawasul.engine.EngineConfig;
import gov.tawasul.engine.EngineContext;
import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.model.SendResult;
import gov.tawasul.engine.policy.SendDecision;
import gov.tawasul.engine.policy.SendPolicy;
import gov.tawasul.engine.port.ChannelSender;
import gov.tawasul.engine.store.Conversations;
import gov.tawasul.engine.store.OutboundMessages;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;

/**
 * The one way out for every outbound message, whatever its {@link Origin}: the {@link SendPolicy} is asked first
 * (opt-out, a conversation held by a person, the channel's window and folding); an allowed message is a committed
 * {@code outbound_message} row ({@code SENDING}) before it is a network call; the provider call runs on a worker
 * thread with no transaction open; its result is stored in a new statement on the event loop. Transient failures
 * are retried with exponential backoff ({@code tawasul.engine.retry.*}) by the
 * {@link gov.tawasul.engine.processing.RecoveryJob}; final failures keep the provider's error code.
 * Must be called on a Vert.x event-loop context.
 * <p>
 * Metrics: {@code tawasul.outbound.results} (tags {@code channel}, {@code outcome}) and
 * {@code tawasul.outbound.refused} (tags {@code channel}, {@code origin}, {@code reason}).
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);

    private final OutboundMessages messages;
    private final Conversations conversations;
    private final SendPolicy policy;
    private final ChannelSenders senders;
    private final EngineContext context;
    private final EngineConfig.Retry retry;
    private final MeterRegistry metrics;
    private final Clock clock;

    Outbox(OutboundMessages messages, Conversations conversations, SendPolicy policy, ChannelSenders senders,
           EngineContext context, EngineConfig config, MeterRegistry metrics) {
        this.messages = messages;
        this.conversations = conversations;
        this.policy = policy;
        this.senders = senders;
        this.context = context;
        this.retry = config.retry();
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    /**
     * Sends a message: asks the policy, stores it, makes the first attempt and stores its outcome, then completes
     * (so that the replies of one conversation leave in order). A bot reply is stored at most once per inbound
     * message, whatever the number of instances (unique key), and only while the conversation lets the bot answer,
     * checked again when it is stored (a person who took the conversation meanwhile wins: refused
     * {@code HELD_BY_PERSON}). A draft with a conversation snapshot is decided on that snapshot.
     *
     * @return queued (with the row id), refused by the policy (with the reason, nothing stored), or already answered
     */
    public Uni<SendOutcome> send(OutboundDraft draft) {
        Uni<ConversationView> conversation = draft.conversation() != null
                ? Uni.createFrom().item(draft.conversation())
                : conversations.open(draft.to(), draft.from());
        return conversation.chain(c -> queue(draft, c));
    }

    private Uni<SendOutcome> queue(OutboundDraft draft, ConversationView conversation) {
        ChannelSender sender = senders.forChannel(conversation.channel());
        if (sender == null || !sender.enabled()) {
            return refused(conversation, draft, SendDecision.Reason.CHANNEL_OFF, "the "
                    + conversation.channel().wireName() + " channel is off: its credentials are not set");
        }
        String text = TextLimits.fit(draft.text(), sender == null ? Integer.MAX_VALUE : sender.maxTextLength());
        OutboundDraft.InReplyTo inReplyTo = draft.inReplyTo();
        SendDecision decision = policy.decide(draft.origin(), inReplyTo == null ? null : inReplyTo.intent(), text,
                draft.locale(), conversation, clock.instant());
        if (decision instanceof SendDecision.Refuse refused) {
            return refused(conversation, draft, refused.reason(), refused.detail());
        }
        SendDecision.Allow allowed = (SendDecision.Allow) decision;
        OutboundMessages.NewOutbound row = new OutboundMessages.NewOutbound(conversation.id(), draft.origin(),
                conversation.citizen(), conversation.bot(), allowed.text(), draft.locale(), draft.quickReplies(),
                allowed.segments(), allowed.options(), draft.sentBy());
        if (draft.notification() != null) {
            return messages.queueNotification(row, draft.notification()).chain(queued -> queued.isEmpty()
                    ? Uni.createFrom().item(new SendOutcome.AlreadyAnswered())
                    : transmit(queued.get()).replaceWith(new SendOutcome.Queued(queued.get().id())));
        }
        if (inReplyTo == null) {
            return messages.queue(row).chain(queued -> transmit(queued).replaceWith(new SendOutcome.Queued(queued.id())));
        }
        OutboundMessages.Beside beside = beside(inReplyTo, draft, conversation, sender, allowed);
        return messages.queueReply(row, inReplyTo.inboundId(), inReplyTo.intent(), inReplyTo.caseNumbers(),
                inReplyTo.departments(), inReplyTo.requestsHandoff(), beside).chain(reply -> {
            if (!reply.allowed()) {
                return refused(conversation, draft, SendDecision.Reason.HELD_BY_PERSON,
                        "a person took the conversation before the bot's reply was stored");
            }
            if (reply.message().isEmpty()) {
                return Uni.createFrom().<SendOutcome>item(new SendOutcome.AlreadyAnswered());
            }
            OutboundMessage stored = reply.message().get();
            return transmit(stored, inReplyTo.leaseOwner())
                    .map(released -> (SendOutcome) new SendOutcome.Queued(stored.id(), released));
        });
    }

    /**
     * What the reply's statement stores beside it: the case lookups, and the follower with the text that says so,
     * prepared by the policy like the draft's own (the line is left out when the policy would refuse that text).
     */
    private OutboundMessages.Beside beside(OutboundDraft.InReplyTo inReplyTo, OutboundDraft draft,
                                           ConversationView conversation, ChannelSender sender,
                                           SendDecision.Allow allowed) {
        OutboundDraft.Follow follow = inReplyTo.follow();
        if (follow == null) {
            return new OutboundMessages.Beside(inReplyTo.lookups(), null, null, null, null);
        }
        SendDecision withLine = policy.decide(draft.origin(), inReplyTo.intent(),
                TextLimits.fit(follow.textIfNew(), sender.maxTextLength()), draft.locale(), conversation,
                clock.instant());
        SendDecision.Allow text = withLine instanceof SendDecision.Allow a ? a : allowed;
        return new OutboundMessages.Beside(inReplyTo.lookups(), follow.caseNumber(), text.text(), text.segments(),
                text.options());
    }

    private Uni<SendOutcome> refused(ConversationView conversation, OutboundDraft draft, SendDecision.Reason reason,
                                     String detail) {
        metrics.counter("tawasul.outbound.refused", "channel", conversation.channel().wireName(),
                "origin", draft.origin().name(), "reason", reason.name()).increment();
        return Uni.createFrom().item(new SendOutcome.Refused(reason, detail));
    }

    /** Claims a queued message whose retry is due and sends it again; nothing when another instance claimed it. */
    public Uni<Void> retry(long outboundId) {
        return messages.claimRetry(outboundId)
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().voidItem() : transmit(claimed.get()));
    }

    private Uni<Void> transmit(OutboundMessage message) {
        return transmit(message, null).replaceWithVoid();
    }

    /** @return whether the lease of {@code leaseOwner} (null: none) was given up with the stored result */
    private Uni<Boolean> transmit(OutboundMessage message, String leaseOwner) {
        ChannelSender sender = senders.forChannel(message.channel());
        if (sender == null || !sender.enabled()) {
            return stored(message, SendResult.finalFailure(SendDecision.Reason.CHANNEL_OFF.name(),
                    "the " + message.channel().wireName() + " channel is off: its credentials are not set"), null);
        }
        return context.blocking(() -> safeSend(sender, message)).chain(result -> stored(message, result, leaseOwner));
    }

    private static SendResult safeSend(ChannelSender sender, OutboundMessage message) {
        try {
            return sender.send(message);
        } catch (RuntimeException e) {
            LOG.errorf(e, "outbound %d: sender threw", message.id());
            return SendResult.retry(null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }

    /**
     * Stores the attempt's result; an accepted one gives up the lease of {@code leaseOwner} (null: none) in the same
     * statement.
     *
     * @return whether the lease was given up
     */
    private Uni<Boolean> stored(OutboundMessage message, SendResult result, String leaseOwner) {
        metrics.counter("tawasul.outbound.results", "channel", message.channel().wireName(),
                "outcome", result.outcome().name()).increment();
        if (result.outcome() == SendResult.Outcome.ACCEPTED) {
            return messages.accepted(message, result.providerMessageId(),
                    result.status() == null ? DeliveryStatus.SENDING : result.status(), leaseOwner);
        }
        Uni<Void> done = switch (result.outcome()) {
            case ACCEPTED -> throw new IllegalStateException("handled above");
            case RETRY -> message.attempt() >= retry.maxAttempts()
                    ? messages.fail(message.id(), result.errorCode(), "gave up after " + message.attempt()
                    + " attempts: " + result.errorMessage())
                    : messages.retryLater(message.id(), clock.instant().plus(backoff(message, result)),
                    result.errorCode(), result.errorMessage());
            case FINAL_FAILURE -> messages.fail(message.id(), result.errorCode(), result.errorMessage());
            case OPTED_OUT -> messages.failOptedOut(message.id(), result.errorCode(), result.errorMessage());
        };
        return done.replaceWith(false);
    }

    private Duration backoff(OutboundMessage message, SendResult result) {
        if (result.retryAfter() != null) {
            return result.retryAfter();
        }
        Duration wait = retry.initialBackoff().multipliedBy(1L << Math.min(20, message.attempt() - 1));
        return wait.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : wait;
    }
}
