package gov.tawasul.engine.handoff;

import gov.tawasul.engine.EngineConfig;
import gov.tawasul.engine.model.ConversationState;
import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.outbox.OutboundDraft;
import gov.tawasul.engine.outbox.Outbox;
import gov.tawasul.engine.processing.ConversationProcessor;
import gov.tawasul.engine.store.InboundMessages;
import gov.tawasul.engine.outbox.SendOutcome;
import gov.tawasul.engine.reply.Reply;
import gov.tawasul.engine.reply.ReplyComposer;
import gov.tawasul.engine.store.Conversations;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Staff taking conversations from the bot and giving them back: the engine side of the staff console. One owner at
 * a time: each action is one conditional update of the conversation ({@link Conversations}) that succeeds only when
 * nobody holds the conversation or the acting agent does — or when a supervisor overrides — so that of two agents
 * racing exactly one wins and the other learns who holds it ({@link HandoffOutcome.HeldBy}). Every change publishes
 * {@code CONVERSATION_STATE}. Callers (the staff API) check roles: {@code override} is a supervisor's right.
 * <p>
 * Agents are staff usernames (1–64 characters, {@code conversation.assigned_agent}); a blank or longer one is an
 * {@link IllegalArgumentException}. Must be called on a Vert.x event-loop context.
 */
@ApplicationScoped
public class Handoffs {

    private static final Logger LOG = Logger.getLogger(Handoffs.class);
    /** Most attempts when the conversation changes between a refused update and the read that explains it. */
    private static final int ATTEMPTS = 5;
    /** Most conversations the timeout moves per pass. */
    private static final int TIMEOUT_BATCH = 100;

    private final Conversations conversations;
    private final Outbox outbox;
    private final ReplyComposer composer;
    private final String defaultLocale;
    private final InboundMessages inbound;
    private final ConversationProcessor processor;

    Handoffs(Conversations conversations, Outbox outbox, ReplyComposer composer, EngineConfig config,
             InboundMessages inbound, ConversationProcessor processor) {
        this.conversations = conversations;
        this.outbox = outbox;
        this.composer = composer;
        this.defaultLocale = config.defaultLocale();
        this.inbound = inbound;
        this.processor = processor;
    }

    /**
     * {@code agent} takes the conversation: {@code WITH_AGENT}, assigned to them from now, no longer waiting; the
     * bot stays silent from then on. Any state may be taken (a supervisor may step into a conversation the bot has).
     *
     * @param override a supervisor reassigning a conversation another agent holds
     * @return {@code Done} (also when the agent already held it: nothing changes), {@code HeldBy} the agent holding
     *         it (without {@code override}), or {@code NotFound}
     */
    public Uni<HandoffOutcome> takeOver(long conversationId, String agent, boolean override) {
        checkAgent(agent);
        return attempt(ATTEMPTS, conversationId, agent, override,
                () -> conversations.takeOver(conversationId, agent, override),
                now -> now.state() == ConversationState.WITH_AGENT && agent.equals(now.assignedAgent()),
                Uni.createFrom()::item);
    }

    /**
     * What an agent's reply needs first: the conversation held by {@code agent}. Unassigned → the agent takes it
     * (as {@link #takeOver} without override); held by the agent → nothing changes; held by another → refused.
     *
     * @return {@code Done} with the conversation to reply in, {@code HeldBy} the other agent, or {@code NotFound}
     */
    public Uni<HandoffOutcome> claimForReply(long conversationId, String agent) {
        return takeOver(conversationId, agent, false);
    }

    /**
     * Gives the conversation back to the bot ({@code BOT}, assignment and waiting cleared) from
     * {@code WITH_AGENT} or {@code WAITING_FOR_AGENT}, and tells the citizen with a short {@code SYSTEM} message
     * ({@code handoff-ended}, in the conversation's language) through the outbox (its policy may refuse it, e.g.
     * outside Messenger's window: logged, the hand-back stands). Then the bot answers what the citizen asked after
     * the agent's last message, if anything: the conversation's latest message only (earlier ones are not
     * answered; a request for a person is not), once, through the usual path
     * ({@link InboundMessages#reopenLatestHandedOff}, then the conversation's processor).
     *
     * @param override a supervisor handing back a conversation another agent holds
     * @return {@code Done} (also when the bot already had it: nothing changes, nothing is sent), {@code HeldBy}, or
     *         {@code NotFound}
     */
    public Uni<HandoffOutcome> handBack(long conversationId, String agent, boolean override) {
        checkAgent(agent);
        return attempt(ATTEMPTS, conversationId, agent, override,
                () -> conversations.handBack(conversationId, agent, override),
                now -> !now.state().isHeldByPerson(),
                changed -> tell(changed, composer.handoffEnded(locale(changed)))
                        .chain(() -> answerLatestQuestion(changed)).replaceWith(changed));
    }

    /**
     * Closes the conversation ({@code CLOSED}, assignment and waiting cleared); nothing is sent. The citizen's next
     * message reopens it for the bot.
     *
     * @param override a supervisor closing a conversation another agent holds
     * @return {@code Done} (also when it was closed already), {@code HeldBy}, or {@code NotFound}
     */
    public Uni<HandoffOutcome> close(long conversationId, String agent, boolean override) {
        checkAgent(agent);
        return attempt(ATTEMPTS, conversationId, agent, override,
                () -> conversations.close(conversationId, agent, override),
                now -> now.state() == ConversationState.CLOSED,
                Uni.createFrom()::item);
    }

    /**
     * Gives back to the bot the conversations held ({@code WITH_AGENT}) without any message or change for longer
     * than {@code timeout} (at most 100 per call, oldest first) and tells each citizen ({@code SYSTEM} message
     * {@code handoff-timeout}), and, as after {@link #handBack}, the bot answers the citizen's latest message after
     * the agent's last one. Safe on several instances at once: each conversation is moved, and its citizen told,
     * by one of them.
     *
     * @return how many conversations went back to the bot
     */
    public Uni<Integer> timeOutSilent(Duration timeout) {
        return conversations.timeOutHandoffs(timeout, TIMEOUT_BATCH).chain(moved -> {
            Uni<Void> told = Uni.createFrom().voidItem();
            for (ConversationView c : moved) {
                LOG.infof("conversation %d: held and silent for %s, back to the bot", c.id(), timeout);
                told = told.chain(() -> tell(c, composer.handoffTimedOut(locale(c))))
                        .chain(() -> answerLatestQuestion(c));
            }
            return told.replaceWith(moved.size());
        });
    }

    /**
     * Runs the conditional update; when it changed nothing, reads the conversation to tell why: unknown, already
     * as asked ({@code settled}), or held by another agent. If none of these (it changed in between), tries again.
     */
    private Uni<HandoffOutcome> attempt(int left, long conversationId, String agent, boolean override,
                                        Supplier<Uni<Optional<ConversationView>>> update,
                                        Predicate<ConversationView> settled,
                                        Function<ConversationView, Uni<ConversationView>> afterChange) {
        return update.get().chain(changed -> {
            if (changed.isPresent()) {
                return afterChange.apply(changed.get()).map(HandoffOutcome.Done::new);
            }
            return conversations.find(conversationId).chain(now -> {
                if (now.isEmpty()) {
                    return Uni.createFrom().item(new HandoffOutcome.NotFound());
                }
                ConversationView c = now.get();
                if (settled.test(c)) {
                    return Uni.createFrom().item(new HandoffOutcome.Done(c));
                }
                if (!override && c.assignedAgent() != null && !c.assignedAgent().equals(agent)) {
                    return Uni.createFrom().item(new HandoffOutcome.HeldBy(c.assignedAgent()));
                }
                if (left <= 1) {
                    return Uni.createFrom().failure(new IllegalStateException("conversation " + conversationId
                            + " changed under " + ATTEMPTS + " attempts of " + agent + "; try again"));
                }
                return attempt(left - 1, conversationId, agent, override, update, settled, afterChange);
            });
        });
    }

    /**
     * The citizen's latest message after the agent's last one, unanswered while a person held the conversation, is
     * handed to the bot (after the notice, so that the answer follows it). A failure is logged, never thrown: the
     * hand-back stands.
     */
    private Uni<Void> answerLatestQuestion(ConversationView conversation) {
        return inbound.reopenLatestHandedOff(conversation.id())
                .invoke(reopened -> reopened.ifPresent(id -> {
                    LOG.infof("conversation %d: back to the bot, which answers inbound %d", conversation.id(), id);
                    processor.schedule(conversation.id());
                }))
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf(e, "conversation %d: the citizen's last question was not handed to the bot",
                            conversation.id());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Sends a {@code SYSTEM} notice in the conversation; a refusal or failure is logged, never thrown. */
    private Uni<Void> tell(ConversationView conversation, Reply notice) {
        return outbox.send(OutboundDraft.message(Origin.SYSTEM, conversation, notice.text(), notice.locale()))
                .invoke(outcome -> {
                    if (outcome instanceof SendOutcome.Refused refused) {
                        LOG.infof("conversation %d: the citizen was not told (%s: %s)", conversation.id(),
                                refused.reason(), refused.detail());
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf(e, "conversation %d: the notice to the citizen could not be sent", conversation.id());
                    return Uni.createFrom().voidItem();
                });
    }

    private String locale(ConversationView conversation) {
        return conversation.locale() != null ? conversation.locale() : defaultLocale;
    }

    private static void checkAgent(String agent) {
        if (agent == null || agent.isBlank() || agent.length() > 64) {
            throw new IllegalArgumentException("agent must be a staff username of 1 to 64 characters: " + agent);
        }
    }
}
