package gov.tawasul.staff.desk;

import gov.tawasul.engine.handoff.HandoffOutcome;
import gov.tawasul.engine.handoff.Handoffs;
import gov.tawasul.engine.model.ConversationSummary;
import gov.tawasul.engine.model.TranscriptEntry;
import gov.tawasul.engine.outbox.ChannelSenders;
import gov.tawasul.engine.outbox.OutboundDraft;
import gov.tawasul.engine.outbox.Outbox;
import gov.tawasul.engine.outbox.SendOutcome;
import gov.tawasul.engine.policy.SendDecision;
import gov.tawasul.engine.port.ChannelSender;
import gov.tawasul.engine.store.ConversationList;
import gov.tawasul.engine.store.Transcripts;
import gov.tawasul.staff.account.StaffDirectory;
import gov.tawasul.staff.audit.AuditAction;
import gov.tawasul.staff.audit.AuditLog;
import gov.tawasul.staff.console.ConsoleUser;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything a staff member does with conversations, whichever screen or API they use: list, open a transcript,
 * take over, reply, hand back, close. Each action is checked (one holder at a time, the reply's length, the send
 * policy) and audited. Runs on the event loop (stores, outbox).
 */
@ApplicationScoped
public class ConversationDesk {

    /** The newest messages a transcript shows. */
    public static final int TRANSCRIPT_LIMIT = 300;

    private final ConversationList list;
    private final Transcripts transcripts;
    private final Handoffs handoffs;
    private final Outbox outbox;
    private final ChannelSenders senders;
    private final StaffDirectory directory;
    private final AuditLog audit;
    private final ViewAudits views = new ViewAudits();

    ConversationDesk(ConversationList list, Transcripts transcripts, Handoffs handoffs, Outbox outbox,
                     ChannelSenders senders, StaffDirectory directory, AuditLog audit) {
        this.list = list;
        this.transcripts = transcripts;
        this.handoffs = handoffs;
        this.outbox = outbox;
        this.senders = senders;
        this.directory = directory;
        this.audit = audit;
    }

    /** A transcript: the conversation and its newest messages, oldest first. */
    public record Transcript(ConversationLine conversation, List<MessageLine> messages) {
    }

    /** @return one page of the list as {@code me} may see it */
    public Uni<List<ConversationLine>> list(ConsoleUser me, ConversationList.Filter filter) {
        return list.page(filter).chain(page -> names(page.stream().map(ConversationSummary::assignedAgent).toList())
                .map(names -> page.stream().map(s -> ConversationLine.of(s, me, names)).toList()));
    }

    /** @return one line of the list, or empty for an unknown id (not audited: the list shows it anyway) */
    public Uni<Optional<ConversationLine>> line(ConsoleUser me, long id) {
        return list.one(id).chain(found -> names(found.map(ConversationSummary::assignedAgent).stream().toList())
                .map(names -> found.map(s -> ConversationLine.of(s, me, names))));
    }

    /** @return the conversation as stored (addresses whole: for checks, never shown), or empty */
    public Uni<Optional<ConversationSummary>> summary(long id) {
        return list.one(id);
    }

    /** Opens a transcript; audited as {@code TRANSCRIPT_VIEWED}. @return empty for an unknown id */
    public Uni<Optional<Transcript>> open(ConsoleUser me, long id) {
        return messages(me, id).call(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            views.opened(me.username(), id);
            return audit.record(me.username(), AuditAction.TRANSCRIPT_VIEWED, "conversation", Long.toString(id),
                    Map.of());
        });
    }

    /**
     * The transcript again after a live change. Audited as {@code TRANSCRIPT_VIEWED} when this viewer's last
     * recorded view of it on this instance is older than {@link ViewAudits#WINDOW} (a fragment fetched directly is
     * a view too; a live refresh every second is not a new one).
     */
    public Uni<Optional<Transcript>> refresh(ConsoleUser me, long id) {
        return messages(me, id).call(found -> found.isEmpty() || !views.due(me.username(), id)
                ? Uni.createFrom().voidItem()
                : audit.record(me.username(), AuditAction.TRANSCRIPT_VIEWED, "conversation", Long.toString(id),
                Map.of("via", "refresh")));
    }

    /** Takes the conversation over (a supervisor with {@code override} takes it from its holder). */
    public Uni<DeskOutcome> takeOver(ConsoleUser me, long id, boolean override) {
        boolean reassign = override && me.supervisor();
        return act(me, id, reassign ? AuditAction.REASSIGN : AuditAction.TAKEOVER,
                agent -> handoffs.takeOver(id, agent, reassign));
    }

    /** Hands the conversation back to the bot (its holder, or a supervisor). */
    public Uni<DeskOutcome> handBack(ConsoleUser me, long id) {
        return act(me, id, AuditAction.HANDBACK, agent -> handoffs.handBack(id, agent, me.supervisor()));
    }

    /** Closes the conversation (its holder, or a supervisor, or anyone while nobody holds it). */
    public Uni<DeskOutcome> close(ConsoleUser me, long id) {
        return act(me, id, AuditAction.CLOSE, agent -> handoffs.close(id, agent, me.supervisor()));
    }

    /**
     * Sends {@code text} to the citizen as {@code me} ({@code AGENT} origin), taking the conversation over when
     * nobody holds it (audited as {@code TAKEOVER}, then {@code REPLY}). A citizen who opted out is refused before
     * anything changes.
     */
    public Uni<DeskOutcome> reply(ConsoleUser me, long id, String text) {
        String body = text == null ? "" : text.strip();
        return list.one(id).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(new DeskOutcome.NotFound());
            }
            int limit = limitOf(found.get());
            if (body.isEmpty() || body.length() > limit) {
                return Uni.createFrom().item(new DeskOutcome.BadText(body.isEmpty() ? 0 : limit));
            }
            if (found.get().optedOut()) {
                return Uni.createFrom().item(new DeskOutcome.Refused(SendDecision.Reason.OPTED_OUT,
                        "the citizen opted out of messages from this sender"));
            }
            boolean takes = !me.username().equals(found.get().assignedAgent());
            return handoffs.claimForReply(id, me.username()).call(claimed -> takes
                    && claimed instanceof HandoffOutcome.Done
                    ? audit.record(me.username(), AuditAction.TAKEOVER, "conversation", Long.toString(id),
                    Map.of("via", "reply")) : Uni.createFrom().voidItem()).chain(claimed -> {
                if (claimed instanceof HandoffOutcome.HeldBy held) {
                    return Uni.createFrom().item(new DeskOutcome.HeldBy(held.agent()));
                }
                if (!(claimed instanceof HandoffOutcome.Done done)) {
                    return Uni.createFrom().item(new DeskOutcome.NotFound());
                }
                return outbox.send(OutboundDraft.fromAgent(done.conversation(), me.username(), body))
                        .chain(sent -> replied(me, id, body, sent));
            });
        });
    }

    /** @return the longest reply the conversation's channel takes */
    public int limitOf(ConversationSummary conversation) {
        ChannelSender sender = senders.forChannel(conversation.channel());
        return sender == null ? 2000 : sender.maxTextLength();
    }

    private Uni<DeskOutcome> replied(ConsoleUser me, long id, String body, SendOutcome sent) {
        if (sent instanceof SendOutcome.Queued queued) {
            return audit.record(me.username(), AuditAction.REPLY, "conversation", Long.toString(id),
                            Map.of("outboundId", queued.outboundId(), "characters", body.length()))
                    .replaceWith(new DeskOutcome.Sent(queued.outboundId()));
        }
        if (sent instanceof SendOutcome.Refused refused) {
            return Uni.createFrom().item(new DeskOutcome.Refused(refused.reason(), refused.detail()));
        }
        throw new IllegalStateException("an agent's message answers no inbound message: " + sent);
    }

    private Uni<DeskOutcome> act(ConsoleUser me, long id, AuditAction action,
                                 Function<String, Uni<HandoffOutcome>> change) {
        return change.apply(me.username()).chain(outcome -> {
            if (outcome instanceof HandoffOutcome.HeldBy held) {
                return Uni.createFrom().item(new DeskOutcome.HeldBy(held.agent()));
            }
            if (!(outcome instanceof HandoffOutcome.Done)) {
                return Uni.createFrom().item(new DeskOutcome.NotFound());
            }
            return audit.record(me.username(), action, "conversation", Long.toString(id), Map.of())
                    .chain(() -> line(me, id))
                    .map(line -> line.<DeskOutcome>map(DeskOutcome.Done::new).orElseGet(DeskOutcome.NotFound::new));
        });
    }

    private Uni<Optional<Transcript>> messages(ConsoleUser me, long id) {
        return line(me, id).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<Transcript>empty());
            }
            return transcripts.latest(id, TRANSCRIPT_LIMIT).chain(entries -> names(entries.stream()
                    .map(TranscriptEntry::sentBy).toList()).map(names ->
                    Optional.of(new Transcript(found.get(), entries.stream().map(e -> MessageLine.of(e,
                            gov.tawasul.engine.model.Channel.fromWireName(found.get().channel()),
                            e.sentBy() == null ? null : names.getOrDefault(e.sentBy(), e.sentBy()), me.lang()))
                            .toList()))));
        });
    }

    /** @return the display names of {@code usernames} (nulls and repeats ignored; unknown ones left out) */
    private Uni<Map<String, String>> names(List<String> usernames) {
        Set<String> agents = new LinkedHashSet<>();
        usernames.forEach(u -> {
            if (u != null) {
                agents.add(u);
            }
        });
        Map<String, String> names = new HashMap<>();
        Uni<Void> all = Uni.createFrom().voidItem();
        for (String agent : agents) {
            all = all.chain(() -> directory.find(agent).invoke(m -> m.ifPresent(s -> names.put(agent,
                    s.displayName() == null || s.displayName().isBlank() ? agent : s.displayName())))).replaceWithVoid();
        }
        return all.replaceWith(names);
    }
}
