package gov.tawasul.engine.outbox;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.CaseLookupResult;
import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.model.QuickReply;
import gov.tawasul.engine.reply.Reply;
import gov.tawasul.engine.store.Notifications;

import java.util.List;
import java.util.Objects;

/**
 * A message to send, before the send policy saw it and before it is a row.
 *
 * @param origin       who sends it
 * @param conversation the conversation when the caller has it (the bot's reply), else null: the outbox finds or
 *                     opens the conversation of ({@code to}, {@code from})
 * @param to           the citizen
 * @param from         our address on the channel
 * @param text         the text (the outbox fits it to the channel's limit, the channel policy may fold it)
 * @param locale       {@code ar}/{@code en}
 * @param quickReplies buttons; never null
 * @param inReplyTo    for {@link Origin#BOT} only: the inbound message it answers
 * @param sentBy       for {@link Origin#AGENT} only: the staff member's username (stored as
 *                     {@code outbound_message.sent_by}), else null
 * @param notification for {@link Origin#NOTIFICATION} from the notification queue: the claim of the notification it
 *                     carries (stored at most once and only while that claim holds the row, which becomes
 *                     {@code SENT}), else null
 */
public record OutboundDraft(Origin origin, ConversationView conversation, Address to, Address from, String text,
                            String locale, List<QuickReply> quickReplies, InReplyTo inReplyTo, String sentBy,
                            Notifications.Claim notification) {

    /** A draft that names no staff member and carries no queued notification. */
    public OutboundDraft(Origin origin, ConversationView conversation, Address to, Address from, String text,
                         String locale, List<QuickReply> quickReplies, InReplyTo inReplyTo) {
        this(origin, conversation, to, from, text, locale, quickReplies, inReplyTo, null, null);
    }

    /**
     * A registered contact who asked about a case follows it as its asker (a {@code case_follower} row, new or
     * renewed after "STOP &lt;case&gt;"); the reply then says so once.
     *
     * @param caseNumber the case
     * @param textIfNew  the reply's text when the follower is new or renewed (the draft's text and the
     *                   {@code notification-following} line); the draft's own text when it was followed already
     */
    public record Follow(String caseNumber, String textIfNew) {
        public Follow {
            Objects.requireNonNull(caseNumber, "caseNumber");
            Objects.requireNonNull(textIfNew, "textIfNew");
        }
    }

    /**
     * The inbound message a bot reply answers, and what the reply changes in its conversation.
     *
     * @param inboundId       {@code inbound_message.id}; one reply per inbound message (a database constraint)
     * @param intent          the intent recognised, stored on the inbound message (e.g. {@code CASE_STATUS})
     * @param caseNumbers     the case numbers asked about, in order of appearance (kept on the inbound message and,
     *                        most recent first, on the conversation); never null
     * @param departments     the departments of the cases found, as the case system names them (English label,
     *                        else Arabic), kept on the conversation; never null
     * @param requestsHandoff the reply acknowledges a request for a person: the conversation becomes
     *                        {@code WAITING_FOR_AGENT} with it, in the same statement
     * @param leaseOwner      the instance whose lease on the conversation ends with this reply (it answers the last
     *                        waiting message): given up when the provider's answer is stored, in that statement;
     *                        null: the lease is not the outbox's business
     * @param lookups         the case lookups made for the inbound message, stored ({@code case_query}) by the
     *                        statement that stores the reply; never null
     * @param follow          a case the citizen follows from now on as its asker, recorded by the same statement, or
     *                        null
     */
    public record InReplyTo(long inboundId, String intent, List<String> caseNumbers, List<String> departments,
                            boolean requestsHandoff, String leaseOwner, List<CaseLookupResult> lookups,
                            Follow follow) {
        public InReplyTo {
            Objects.requireNonNull(intent, "intent");
            caseNumbers = caseNumbers == null ? List.of() : List.copyOf(caseNumbers);
            departments = departments == null ? List.of() : List.copyOf(departments);
            lookups = lookups == null ? List.of() : List.copyOf(lookups);
        }

        /** A reply that does not end a lease and stores nothing beside itself. */
        public InReplyTo(long inboundId, String intent, List<String> caseNumbers, List<String> departments,
                         boolean requestsHandoff) {
            this(inboundId, intent, caseNumbers, departments, requestsHandoff, null, List.of(), null);
        }

        /** @return this reply, ending the lease of {@code owner} (null: none) once the provider took it */
        public InReplyTo releasingLeaseOf(String owner) {
            return new InReplyTo(inboundId, intent, caseNumbers, departments, requestsHandoff, owner, lookups, follow);
        }

        /** @return this reply, storing {@code lookups} and the {@code follow} (null: none) with it */
        public InReplyTo storing(List<CaseLookupResult> lookups, Follow follow) {
            return new InReplyTo(inboundId, intent, caseNumbers, departments, requestsHandoff, leaseOwner, lookups,
                    follow);
        }

        /** A reply that asks nothing of a case and changes nothing of its conversation but its language. */
        public InReplyTo(long inboundId, String intent) {
            this(inboundId, intent, List.of(), List.of(), false);
        }
    }

    public OutboundDraft {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(text, "text");
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
        if ((origin == Origin.BOT) != (inReplyTo != null)) {
            throw new IllegalArgumentException("a BOT message, and only a BOT message, answers an inbound message");
        }
        if (sentBy != null && origin != Origin.AGENT) {
            throw new IllegalArgumentException("only an AGENT message names the staff member who sent it");
        }
        if (notification != null && origin != Origin.NOTIFICATION) {
            throw new IllegalArgumentException("only a NOTIFICATION carries a queued notification");
        }
    }

    /** The bot's reply to an inbound message of {@code conversation}. */
    public static OutboundDraft reply(ConversationView conversation, InReplyTo inReplyTo, Reply reply) {
        return new OutboundDraft(Origin.BOT, conversation, conversation.citizen(), conversation.bot(), reply.text(),
                reply.locale(), reply.quickReplies(), inReplyTo, null, null);
    }

    /**
     * A message of another origin (agent, notification, system) in a conversation the caller has just read or
     * changed: the send policy decides on that snapshot (e.g. the view {@code Handoffs} returned).
     */
    public static OutboundDraft message(Origin origin, ConversationView conversation, String text, String locale) {
        return new OutboundDraft(origin, conversation, conversation.citizen(), conversation.bot(), text, locale,
                List.of(), null, null, null);
    }

    /** A message of another origin (agent, notification, system) from {@code from} to {@code to}. */
    public static OutboundDraft message(Origin origin, Address to, Address from, String text, String locale) {
        return new OutboundDraft(origin, null, to, from, text, locale, List.of(), null, null, null);
    }

    /**
     * A staff member's message in {@code conversation}, in the conversation's language.
     *
     * @param agent the staff member's username
     */
    public static OutboundDraft fromAgent(ConversationView conversation, String agent, String text) {
        return new OutboundDraft(Origin.AGENT, conversation, conversation.citizen(), conversation.bot(), text,
                conversation.locale(), List.of(), null, Objects.requireNonNull(agent, "agent"), null);
    }

    /** A case-status update of the notification queue (its {@code claim}) from {@code from} to {@code to}. */
    public static OutboundDraft notification(Notifications.Claim claim, Address to, Address from, String text,
                                             String locale) {
        return new OutboundDraft(Origin.NOTIFICATION, null, to, from, text, locale, List.of(), null, null,
                Objects.requireNonNull(claim, "claim"));
    }
}
