package gov.tawasul.engine.store;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code notification} table, the durable queue of case-status updates: one row per (event, channel, address)
 * (unique {@code notification_key}: an event reaches an address at most once), {@code PENDING} until
 * {@code due_at}, claimed ({@code SENDING}) by one dispatcher at a time ({@code FOR UPDATE SKIP LOCKED}), and
 * {@code SENT} in the statement that stores its outbound row ({@link #claimedForSend}, {@link #markSent}). Each claim
 * takes a new token ({@code claim_token}, sequence {@code notification_claim_token}, {@link Claim}); every write
 * after the claim is conditioned on the row still being {@code SENDING} under that token, so a dispatcher whose stale
 * claim was recovered and claimed again by another instance changes nothing (its writes report {@code false}). Per
 * address, a notification is claimed only when every older one of that address is done (not pending, not being
 * sent, and its outbound row not waiting for a retry): the citizen hears of events in their order.
 */
@ApplicationScoped
public class Notifications {

    /**
     * $1 batch size, $2 registered contacts follow, $3 SMS sender, $4 default locale, $5 SMS due, $6 others due,
     * $7 e-mail sender (null: registered e-mail addresses do not follow).
     */
    private static final String FAN_OUT_BATCH = """
            with ev as (
              select id, case_number, contacts from case_event where fanned_out_at is null order by id limit $1
              for update skip locked),
            """ + CaseFollowers.followRegisteredOf("ev", "$2", "$3", "$7", "$4") + """
            ,
            fol as (
              select f.case_number, f.channel, f.citizen_address, f.bot_address, f.locale from case_follower f
              where f.stopped_at is null and f.case_number in (select case_number from ev)
              union
              select case_number, channel, citizen_address, bot_address, locale from reg),
            ins as (
              insert into notification (case_event_id, case_number, channel, citizen_address, bot_address, locale,
                                        state, due_at)
              select ev.id, ev.case_number, fol.channel, fol.citizen_address,
                     coalesce(fol.bot_address, case when fol.channel = 'SMS' then cast($3 as varchar) end),
                     coalesce(fol.locale, $4), 'PENDING', case when fol.channel = 'SMS' then cast($5 as timestamptz) else cast($6 as timestamptz) end
              from ev join fol on fol.case_number = ev.case_number order by ev.id, fol.channel, fol.citizen_address
              on conflict (case_event_id, channel, citizen_address) do nothing
              returning id),
            """ + CaseEvents.markFannedOutAll("ev") + """

            select (select count(*) from ev) as events, (select count(*) from ins) as queued""";

    private static final String SUPERSEDE = """
            update notification n set state = 'SUPERSEDED', reason = 'NEWER_STATUS', updated_at = now()
            where n.state = 'PENDING' and n.due_at <= $1
              and exists (select 1 from notification m where m.state = 'PENDING' and m.case_number = n.case_number
                          and m.channel = n.channel and m.citizen_address = n.citizen_address and m.id > n.id)""";

    private static final String CLAIM = """
            with next as (
              select n.id from notification n
              where n.state = 'PENDING' and n.due_at <= $1
                and not exists (
                  select 1 from notification o left join outbound_message m on m.id = o.outbound_message_id
                  where o.channel = n.channel and o.citizen_address = n.citizen_address and o.id < n.id
                    and (o.state in ('PENDING', 'SENDING') or (o.state = 'SENT' and m.status = 'QUEUED')))
              order by n.id limit $2
              for update of n skip locked),
            c as (
              update notification set state = 'SENDING', attempts = attempts + 1, updated_at = now(),
                     claim_token = nextval('notification_claim_token')
              from next where notification.id = next.id
              returning notification.id, notification.claim_token, notification.case_event_id, notification.channel, notification.citizen_address,
                        notification.bot_address, notification.locale)
            select c.id as notification_id, c.claim_token, c.channel as notification_channel, c.citizen_address, c.bot_address,
                   c.locale, e.id, e.event_id, e.source, e.case_number, e.status, e.status_label_ar, e.status_label_en,
                   e.department_ar, e.department_en, e.next_step_ar, e.next_step_en, e.updated_at, e.contacts,
                   e.received_at
            from c join case_event e on e.id = c.case_event_id order by c.id""";

    private static final String RELEASE = """
            update notification set state = 'PENDING', due_at = $2, reason = cast($3 as varchar), updated_at = now()
            where id = $1 and claim_token = $4 and state = 'SENDING'""";

    private static final String FINISH = """
            update notification set state = $2, reason = $3, detail = $4, updated_at = now()
            where id = $1 and claim_token = $5 and state = 'SENDING'""";

    /**
     * $1 id, $2 addresses, $3 our address, $4 locale, $5 due, $6 whether to queue, $7 reason, $8 channel, $9 the state
     * the row must be in ({@code SENDING}: refused before sending; {@code SENT}: its outbound row failed), $10 the
     * claim token. One row: {@code owned} whether the notification was still this claim's.
     */
    private static final String FALL_BACK = """
            with f as (
              update notification set state = 'FELL_BACK', reason = $7, updated_at = now()
              where id = $1 and claim_token = $10 and state = $9 returning case_event_id, case_number),
            ins as (
              insert into notification (case_event_id, case_number, channel, citizen_address, bot_address, locale,
                                        state, due_at)
              select f.case_event_id, f.case_number, $8, a, $3, $4, 'PENDING', $5
              from f, unnest(cast($2 as text[])) a where cast($6 as boolean)
              on conflict (case_event_id, channel, citizen_address) do nothing)
            select exists (select 1 from f) as owned""";

    private static final String SENT_SINCE = """
            select count(*) as n from notification
            where state = 'SENT' and case_number = $1 and channel = $2 and citizen_address = $3
              and updated_at >= now() - make_interval(secs => $4)""";

    private static final String SENT_TO_ADDRESS_SINCE = """
            select count(*) as n from notification
            where state = 'SENT' and channel = $1 and citizen_address = $2
              and updated_at >= now() - make_interval(secs => $3)""";

    private static final String EVER_WROTE_TO = """
            select exists (select 1 from outbound_message where channel = $1 and recipient = $2 and not from_echo)
                   as wrote""";

    private static final String RECOVER = """
            update notification set state = 'PENDING', reason = 'RECOVERED', claim_token = null, updated_at = now()
            where state = 'SENDING' and updated_at < now() - make_interval(secs => $1)""";

    private static final String OUTBOUND_STATUS = "select status, error_code from outbound_message where id = $1";

    private static final String COUNTS = "select state, count(*) as n from notification group by state order by state";

    /** The chosen rows keep their state and times; the address becomes its keyed hash, the detail is dropped. */
    private static final String REDACT = """
            update notification n set citizen_address = %s, detail = null, redacted_at = now(),
                   state = case when n.state = 'PENDING' then 'SKIPPED' else n.state end,
                   reason = case when n.state = 'PENDING' then 'ERASED' else n.reason end
            """.formatted(Redaction.hash("n.channel", "n.citizen_address"));
    private static final String REDACT_OLDER = REDACT + """
            where n.id in (select r.id from notification r
                           where r.channel = $1 and r.updated_at < $2 and r.redacted_at is null
                             and r.state not in ('PENDING', 'SENDING')
                           order by r.id limit $3 for update skip locked)""";
    private static final String ERASE = REDACT + """
            where n.channel = $1 and n.citizen_address = $2 and n.state <> 'SENDING'""";

    private final Db db;

    Notifications(Db db) {
        this.db = db;
    }

    /**
     * One claim of one notification: what a later write must name to change the row.
     *
     * @param id    {@code notification.id}
     * @param token {@code notification.claim_token} as the claim set it (a new number per claim)
     */
    public record Claim(long id, long token) {
    }

    /**
     * A notification claimed for sending, with its event.
     *
     * @param id      {@code notification.id}
     * @param token   the claim's token ({@code notification.claim_token})
     * @param citizen where it goes
     * @param bot     our address to write from, or null when none is known (nothing to send it from)
     * @param locale  {@code ar}/{@code en}
     * @param event   the event it tells of
     */
    public record Claimed(long id, long token, Address citizen, String bot, String locale, CaseEvents.Stored event) {

        /** @return the claim a later write names */
        public Claim claim() {
            return new Claim(id, token);
        }
    }

    /**
     * Fans out up to {@code limit} events not fanned out yet, oldest first, in one statement: the events' registered
     * SMS numbers and (with {@code emailFrom}) e-mail addresses follow their case (when {@code followRegistered}),
     * one {@code PENDING} notification per active follower, the events marked fanned out. Instances share the work
     * ({@code SKIP LOCKED}).
     *
     * @param emailFrom our e-mail address (canonical), or null: registered e-mail addresses do not follow
     * @return how many events were fanned out (fewer than {@code limit}: none left)
     */
    public Uni<Long> fanOutBatch(int limit, boolean followRegistered, String smsFrom, String emailFrom,
                                 String defaultLocale, Instant smsDue, Instant otherDue) {
        return db.first(FAN_OUT_BATCH, r -> r.getLong("events"), limit, followRegistered, smsFrom, defaultLocale,
                utc(smsDue), utc(otherDue), emailFrom).map(n -> n.orElse(0L));
    }

    /** Pending notifications due by {@code now} that a newer pending one of the same case and address replaces. */
    public Uni<Integer> supersede(Instant now) {
        return db.update(SUPERSEDE, utc(now));
    }

    /**
     * Claims up to {@code limit} due notifications, oldest first, at most the oldest undone one per address; each
     * claim with a new token.
     */
    public Uni<List<Claimed>> claim(Instant now, int limit) {
        return db.list(CLAIM, Notifications::claimed, utc(now), limit);
    }

    /**
     * A claimed notification waits again until {@code due} (cap reached).
     *
     * @return false when the notification is no longer this claim's (nothing changed)
     */
    public Uni<Boolean> release(Claim claim, Instant due, String reason) {
        return db.update(RELEASE, claim.id(), utc(due), reason, claim.token()).map(n -> n == 1);
    }

    /**
     * A claimed notification ends without a message: {@code REFUSED} or {@code SKIPPED}, with the reason.
     *
     * @return false when the notification is no longer this claim's (nothing changed)
     */
    public Uni<Boolean> finish(Claim claim, String state, String reason, String detail) {
        return db.update(FINISH, claim.id(), state, reason, detail, claim.token()).map(n -> n == 1);
    }

    /**
     * A notification that its channel could not carry ({@code FELL_BACK}: refused before sending, {@code sent} false;
     * or sent and its outbound row failed for good, {@code sent} true) and, in the same statement, the same event on
     * {@code channel} to {@code addresses} from {@code from} (an address already told of the event is not told again).
     *
     * @return false when the notification is no longer this claim's or not in the state {@code sent} names (nothing
     *         changed, nothing queued)
     */
    public Uni<Boolean> fallBack(Claim claim, boolean sent, Channel channel, List<String> addresses, String from,
                                 String locale, Instant due, String reason) {
        return db.first(FALL_BACK, r -> r.getBoolean("owned"), claim.id(), addresses.toArray(String[]::new), from,
                locale, utc(due), from != null && !addresses.isEmpty(), reason, channel.name(),
                sent ? "SENT" : "SENDING", claim.token()).map(o -> o.orElse(false));
    }

    /** @return how many notifications of the case went to the address within the last {@code window} */
    public Uni<Long> sentWithin(String caseNumber, Address citizen, Duration window) {
        return db.first(SENT_SINCE, r -> r.getLong("n"), caseNumber, citizen.channel().name(), citizen.value(),
                (double) window.toMillis() / 1000.0).map(n -> n.orElse(0L));
    }

    /** @return how many notifications of any case went to the address within the last {@code window} */
    public Uni<Long> sentToAddressWithin(Address citizen, Duration window) {
        return db.first(SENT_TO_ADDRESS_SINCE, r -> r.getLong("n"), citizen.channel().name(), citizen.value(),
                (double) window.toMillis() / 1000.0).map(n -> n.orElse(0L));
    }

    /** @return whether the bot ever sent anything to the address (the first message names the service) */
    public Uni<Boolean> everWroteTo(Address citizen) {
        return db.first(EVER_WROTE_TO, r -> r.getBoolean("wrote"), citizen.channel().name(), citizen.value())
                .map(w -> w.orElse(false));
    }

    /** Claimed notifications older than {@code age} (their instance stopped) are pending again. */
    public Uni<Integer> recoverStale(Duration age) {
        return db.update(RECOVER, (double) age.toMillis() / 1000.0);
    }

    /**
     * Where the first attempt of a notification's outbound row left it.
     *
     * @param status    its status ({@code QUEUED}: throttled or failed for now, a retry is due)
     * @param errorCode the provider's error code, or null
     */
    public record OutboundState(String status, String errorCode) {
    }

    /** @return the status and error code of an outbound row (null fields when there is none) */
    public Uni<OutboundState> outboundStatus(long outboundId) {
        return db.first(OUTBOUND_STATUS, r -> new OutboundState(r.getString("status"), r.getString("error_code")),
                outboundId).map(s -> s.orElse(new OutboundState(null, null)));
    }

    /** @return how many notifications are in each state */
    public Uni<Map<String, Long>> counts() {
        return db.list(COUNTS, r -> Map.entry(r.getString("state"), r.getLong("n"))).map(list -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            list.forEach(e -> counts.put(e.getKey(), e.getValue()));
            return counts;
        });
    }

    /**
     * Retention: finished notifications of {@code channel} last changed before {@code before} keep only the hash of
     * their address; at most one batch per call.
     *
     * @return rows changed (0: nothing is left to do)
     */
    public Uni<Integer> redactOlderThan(Channel channel, Instant before) {
        return db.update(REDACT_OLDER, channel.name(), utc(before), Redaction.BATCH);
    }

    /** A citizen's erasure: their notifications keep only the hash of the address; pending ones are SKIPPED (ERASED). */
    public Uni<Integer> erase(Address citizen) {
        return db.update(ERASE, citizen.channel().name(), citizen.value());
    }

    /**
     * CTE part {@code claimed}: the notification {@code idParam}, locked, if it is still being sent under the claim
     * token {@code tokenParam}.
     */
    static String claimedForSend(String idParam, String tokenParam) {
        return "claimed as (select id from notification where id = " + idParam + " and claim_token = " + tokenParam
                + " and state = 'SENDING' for update)";
    }

    /**
     * CTE part {@code sent}: the notification of CTE {@code claimed} ({@link #claimedForSend}) is {@code SENT} with
     * the row of CTE {@code cte}.
     */
    static String markSent(String cte) {
        return "sent as (update notification set state = 'SENT', outbound_message_id = x.id, reason = null, "
                + "updated_at = now() from " + cte + " x, claimed c where notification.id = c.id)";
    }

    private static Claimed claimed(Row r) {
        Channel channel = Channel.valueOf(r.getString("notification_channel"));
        return new Claimed(r.getLong("notification_id"), r.getLong("claim_token"), new Address(channel, r.getString("citizen_address")),
                r.getString("bot_address"), r.getString("locale"), CaseEvents.stored(r));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
