package gov.tawasul.engine.store;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The store of table {@code case_follow_up} (migration V22): the answers owed to citizens who were told "we cannot
 * check the case right now" while the case system was down, one row per inbound message, so that each message gets
 * at most one follow-up. A row is {@code OWED} (due again at {@code due_at}) → {@code SENDING} (claimed by one
 * instance, with {@code for update skip locked}) → {@code SENT} with the follow-up's {@code outbound_message_id}, or
 * {@code SKIPPED} with a reason. Must be called on a Vert.x event-loop context.
 */
@ApplicationScoped
public class CaseFollowUps {

    /** Skip reasons decided when a row is claimed or settled (stored in {@code case_follow_up.reason}). */
    public static final String ASKED_AGAIN = "ASKED_AGAIN";
    public static final String HELD_BY_PERSON = "HELD_BY_PERSON";
    public static final String NOT_ANSWERED = "NOT_ANSWERED";
    public static final String RETRY_WINDOW = "RETRY_WINDOW";
    public static final String INTERRUPTED = "INTERRUPTED";

    private static final String OWE = """
            insert into case_follow_up (inbound_message_id, conversation_id, case_numbers, locale, asked_at, due_at)
            select i.id, i.conversation_id, $2, $3, i.received_at, now() + make_interval(secs => $4)
            from inbound_message i where i.id = $1
            on conflict do nothing""";

    /** Past the window while owed; claimed longer than $2 s ago (an instance stopped during the follow-up). */
    private static final String SETTLE = """
            update case_follow_up
            set state = 'SKIPPED', reason = case when state = 'OWED' then 'RETRY_WINDOW' else 'INTERRUPTED' end,
                updated_at = now()
            where (state = 'OWED' and asked_at < now() - make_interval(secs => $1))
               or (state = 'SENDING' and updated_at < now() - make_interval(secs => $2))""";

    private static final String DUE = """
            select inbound_message_id, conversation_id, case_numbers, locale from case_follow_up
            where state = 'OWED' and due_at <= now() and inbound_message_id > $2
            order by inbound_message_id limit $1""";

    /**
     * Claims one owed row, unless its message is still being answered or a later message of the conversation waits
     * to be answered (it goes first: the conversation's order); a row that must not be sent any more is
     * {@code SKIPPED} at once with its reason.
     */
    private static final String CLAIM = """
            with f as (
              select o.inbound_message_id,
                     case when i.state <> 'ANSWERED' then 'NOT_ANSWERED'
                          when c.state = 'WITH_AGENT' then 'HELD_BY_PERSON'
                          when exists (select 1 from inbound_message l
                                       where l.conversation_id = o.conversation_id and l.id > o.inbound_message_id
                                         and string_to_array(l.case_numbers, ' ') && string_to_array(o.case_numbers, ' '))
                            then 'ASKED_AGAIN'
                          when o.asked_at < now() - make_interval(secs => $2) then 'RETRY_WINDOW'
                     end as reason
              from case_follow_up o
              join inbound_message i on i.id = o.inbound_message_id
              join conversation c on c.id = o.conversation_id
              where o.inbound_message_id = $1 and o.state = 'OWED' and i.state <> 'RECEIVED'
                and not exists (select 1 from inbound_message p
                                where p.conversation_id = o.conversation_id and p.id > o.inbound_message_id
                                  and p.state = 'RECEIVED')
              for update of o skip locked
            )
            update case_follow_up u
            set state = case when f.reason is null then 'SENDING' else 'SKIPPED' end, reason = f.reason,
                attempts = u.attempts + 1, updated_at = now()
            from f where u.inbound_message_id = f.inbound_message_id
            returning u.state, u.reason""";

    private static final String RELEASE = """
            update case_follow_up set state = 'OWED', due_at = now() + make_interval(secs => $2), updated_at = now()
            where inbound_message_id = $1 and state = 'SENDING'""";

    private static final String SENT = """
            update case_follow_up set state = 'SENT', outbound_message_id = $2, updated_at = now()
            where inbound_message_id = $1 and state = 'SENDING'""";

    private static final String SKIP = """
            update case_follow_up set state = 'SKIPPED', reason = $2, updated_at = now()
            where inbound_message_id = $1 and state = 'SENDING'""";

    private final Db db;

    CaseFollowUps(Db db) {
        this.db = db;
    }

    /**
     * An owed answer: the inbound message whose numbers could not be looked up.
     *
     * @param inboundId      {@code inbound_message.id}
     * @param conversationId its conversation
     * @param caseNumbers    the numbers owed, in the order asked; never empty
     * @param locale         {@code ar}/{@code en}, the first answer's language
     */
    public record Owed(long inboundId, long conversationId, List<String> caseNumbers, String locale) {
    }

    /** What a claim found: {@code claimed} (send it now), else the reason it was skipped. */
    public record Claim(boolean claimed, String reason) {
    }

    /**
     * Records that the case numbers of {@code inboundId} could not be looked up (a second call changes nothing).
     *
     * @param caseNumbers the numbers owed, in the order asked; nothing is stored for an empty list
     * @param firstTry    when the first try is due, from now
     */
    public Uni<Void> owe(long inboundId, List<String> caseNumbers, String locale, Duration firstTry) {
        if (caseNumbers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.update(OWE, inboundId, String.join(" ", caseNumbers), locale, (double) firstTry.toSeconds())
                .replaceWithVoid();
    }

    /**
     * Skips the rows owed for longer than {@code window} ({@link #RETRY_WINDOW}) and those claimed longer than
     * {@code staleClaim} ago ({@link #INTERRUPTED}: the follow-up may have left, it is not sent again).
     *
     * @return how many rows were skipped
     */
    public Uni<Integer> settle(Duration window, Duration staleClaim) {
        return db.update(SETTLE, (double) window.toSeconds(), (double) staleClaim.toSeconds());
    }

    /**
     * @param afterId the last {@code inbound_message_id} of the previous page ({@code 0} for the first): a pass walks
     *                the due rows once, in pages, even past rows it could not claim
     * @return owed rows whose try is due, at most {@code limit}, in the order of their messages
     */
    public Uni<List<Owed>> due(long afterId, int limit) {
        return db.list(DUE, r -> new Owed(r.getLong("inbound_message_id"), r.getLong("conversation_id"),
                Arrays.asList(r.getString("case_numbers").split(" ")), r.getString("locale")), limit, afterId);
    }

    /**
     * Claims an owed row for this instance (see {@link #CLAIM}).
     *
     * @param window the retry window, from the message's arrival
     * @return empty when it is not to be tried now (claimed elsewhere, answered meanwhile, a later message waits),
     *         else claimed or skipped with the reason
     */
    public Uni<Optional<Claim>> claim(long inboundId, Duration window) {
        return db.first(CLAIM, r -> new Claim("SENDING".equals(r.getString("state")), r.getString("reason")),
                inboundId, (double) window.toSeconds());
    }

    /** The case system is still down: owed again, due after {@code wait}. */
    public Uni<Void> release(long inboundId, Duration wait) {
        return db.update(RELEASE, inboundId, (double) wait.toSeconds()).replaceWithVoid();
    }

    /** The follow-up is the outbound message {@code outboundId}. */
    public Uni<Void> sent(long inboundId, long outboundId) {
        return db.update(SENT, inboundId, outboundId).replaceWithVoid();
    }

    /** The follow-up was refused (opted out, held by a person, the channel's rule): skipped with {@code reason}. */
    public Uni<Void> skip(long inboundId, String reason) {
        return db.update(SKIP, inboundId, reason).replaceWithVoid();
    }
}
