package gov.tawasul.engine.delivery;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryReceipt;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.WatermarkReceipt;
import gov.tawasul.engine.persistence.Columns;
import gov.tawasul.engine.persistence.Sql;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Applies delivery receipts to outbound messages. The status only moves forward ({@link DeliveryStatus#canMoveTo});
 * every receipt is kept in {@code delivery_receipt} as it came, with its error code. A receipt for a provider id
 * not yet known (the callback overtook the send call's response) is kept pending and applied when the id is stored.
 * Must be called on a Vert.x event-loop context.
 */
@ApplicationScoped
public class DeliveryReceipts {

    /** Clock difference allowed between a provider's watermark and our {@code sent_at}. */
    private static final Duration WATERMARK_TOLERANCE = Duration.ofSeconds(2);

    /** Parameters: ?1 channel, ?2 provider id, ?3 status, ?4 error code, ?5 error message, ?6 occurred at. */
    private static final String SET_STATUS = """
            status = ?3,
                   error_code = coalesce(cast(?4 as varchar), o.error_code),
                   error_message = coalesce(cast(?5 as text), o.error_message),
                   delivered_at = case when ?3 in ('DELIVERED', 'READ') then coalesce(o.delivered_at, ?6) else o.delivered_at end,
                   read_at = case when ?3 = 'READ' then ?6 else o.read_at end,
                   updated_at = now()""";

    private static final String RECORD = """
            with r as (
              insert into delivery_receipt (channel, provider_message_id, outbound_message_id, status, error_code,
                                            error_message, occurred_at)
              values (?1, ?2, (select id from outbound_message where channel = ?1 and provider_message_id = ?2),
                      ?3, cast(?4 as varchar), cast(?5 as text), ?6)
              returning outbound_message_id)
            update outbound_message o set """ + " " + SET_STATUS + """
             from r where o.id = r.outbound_message_id and o.status in (%s)""";

    private static final String APPLY = "update outbound_message o set " + SET_STATUS + """
             where o.channel = ?1 and o.provider_message_id = ?2 and o.status in (%s)""";

    private static final String ACCEPTED = """
            with o as (update outbound_message set status = ?3, provider_message_id = ?2, sent_at = now(),
                              next_attempt_at = null, error_code = null, error_message = null, updated_at = now()
                       where id = ?1 and status = 'QUEUED' returning id),
            link as (update delivery_receipt set outbound_message_id = ?1
                     where channel = ?4 and provider_message_id = ?2 and outbound_message_id is null
                     returning status, error_code, error_message, occurred_at)
            select status, error_code, error_message, occurred_at from link order by occurred_at""";

    /**
     * The provider echoed our own message (Messenger echo, X own DM) before the send response was stored, and the
     * echo was recorded as a staff message: that row is the same message and gives way to the bot's row.
     */
    private static final String DROP_ECHO_TWIN = """
            delete from outbound_message where channel = ?1 and provider_message_id = ?2 and origin = 'STAFF'
              and inbound_message_id is null""";

    private static final String PENDING = """
            select r.channel, r.provider_message_id from delivery_receipt r
            join outbound_message o on o.channel = r.channel and o.provider_message_id = r.provider_message_id
            where r.outbound_message_id is null limit 200""";

    private static final String RELINK = """
            update delivery_receipt set outbound_message_id = (select id from outbound_message
                   where channel = ?1 and provider_message_id = ?2)
            where channel = ?1 and provider_message_id = ?2 and outbound_message_id is null
            returning status, error_code, error_message, occurred_at""";

    private static final String WATERMARK = """
            update outbound_message set status = ?1,
                   delivered_at = coalesce(delivered_at, ?5),
                   read_at = case when ?1 = 'READ' then ?5 else read_at end,
                   updated_at = now()
            where channel = ?2 and recipient = ?3 and sent_at <= ?4 and status in (%s)""";

    private static final String UP_TO = """
            update outbound_message set status = ?1,
                   delivered_at = coalesce(delivered_at, ?5),
                   read_at = case when ?1 = 'READ' then ?5 else read_at end,
                   updated_at = now()
            where channel = ?2 and recipient = ?3 and status in (%s)
              and sent_at <= (select sent_at from outbound_message where channel = ?2 and provider_message_id = ?4)""";

    private final Sql sql;

    public DeliveryReceipts(Sql sql) {
        this.sql = sql;
    }

    /**
     * Records a receipt and moves the message's status forward if allowed.
     *
     * @return the number of outbound messages whose status changed (0 or 1)
     */
    public Uni<Integer> record(DeliveryReceipt r) {
        return sql.update(RECORD.formatted(predecessors(r.status())), r.channel().name(), r.providerMessageId(),
                r.status().name(), r.errorCode(), r.errorMessage(), Columns.utc(r.occurredAt()));
    }

    /**
     * Marks every outbound message to the citizen up to the watermark (or up to the given provider message id)
     * delivered or read.
     *
     * @return the number of messages whose status changed
     */
    public Uni<Integer> record(WatermarkReceipt r) {
        String allowed = predecessors(r.status());
        String channel = r.citizen().channel().name();
        if (r.upToProviderMessageId() != null) {
            return sql.update(UP_TO.formatted(allowed), r.status().name(), channel, r.citizen().value(),
                    r.upToProviderMessageId(), Columns.utc(r.occurredAt()));
        }
        return sql.update(WATERMARK.formatted(allowed), r.status().name(), channel, r.citizen().value(),
                Columns.utc(r.watermark().plus(WATERMARK_TOLERANCE)), Columns.utc(r.occurredAt()));
    }

    /**
     * Stores the provider's id and status of a message the provider accepted, then applies any receipt that
     * arrived before the id was known.
     */
    public Uni<Void> accepted(Channel channel, long outboundId, String providerMessageId, DeliveryStatus status) {
        return sql.rows(ACCEPTED, outboundId, providerMessageId, status.name(), channel.name())
                .onFailure(DeliveryReceipts::isProviderKeyConflict).recoverWithUni(e ->
                        sql.update(DROP_ECHO_TWIN, channel.name(), providerMessageId).chain(() ->
                                sql.rows(ACCEPTED, outboundId, providerMessageId, status.name(), channel.name())))
                .chain(early -> applyAll(channel, providerMessageId, early));
    }

    /** Applies receipts left pending by a race between a callback and the send response (recovery job). */
    public Uni<Void> relinkPending() {
        return sql.rows(PENDING).chain(rows -> Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(r -> sql.rows(RELINK, r[0], r[1])
                        .chain(early -> applyAll(Channel.valueOf((String) r[0]), (String) r[1], early)))
                .collect().last().replaceWithVoid());
    }

    private Uni<Void> applyAll(Channel channel, String providerMessageId, List<Object[]> receipts) {
        return Multi.createFrom().iterable(receipts)
                .onItem().transformToUniAndConcatenate(r -> applyStored(channel, providerMessageId, r))
                .collect().last().replaceWithVoid();
    }

    private Uni<Integer> applyStored(Channel channel, String providerMessageId, Object[] r) {
        DeliveryStatus status = DeliveryStatus.valueOf((String) r[0]);
        return sql.update(APPLY.formatted(predecessors(status)), channel.name(), providerMessageId, status.name(),
                r[1], r[2], Columns.utc(Columns.asInstant(r[3])));
    }

    private static boolean isProviderKeyConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("outbound_provider_key")) {
                return true;
            }
        }
        return false;
    }

    /** SQL list of the statuses from which {@code next} may be reached, e.g. {@code 'QUEUED','SENDING'}. */
    static String predecessors(DeliveryStatus next) {
        String list = Arrays.stream(DeliveryStatus.values()).filter(s -> s.canMoveTo(next))
                .map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
        return list.isEmpty() ? "''" : list;
    }
}
