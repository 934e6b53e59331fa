package gov.tawasul.engine.store;

import gov.tawasul.engine.Sequential;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The store of table {@code delivery_receipt}: every provider report on an outbound message, kept as it came with
 * its error code. {@code outbound_message_id} is null while the provider id is not yet known to us (a status
 * callback overtook the send response); such receipts are linked when the id is stored
 * ({@link OutboundMessages#accepted}, CTE {@link #linkEarly}) or by the recovery job ({@link #relinkPending}).
 * Receipts are written together with the status move they cause, many in one statement
 * ({@link OutboundMessages#applyReceipts}, CTE {@link #insertAll}). Must be called on a Vert.x event-loop context.
 */
@ApplicationScoped
public class DeliveryReceipts {

    private static final String PENDING = """
            select r.channel, r.provider_message_id from delivery_receipt r
            join outbound_message o on o.channel = r.channel and o.provider_message_id = r.provider_message_id
            where r.outbound_message_id is null limit 200""";

    private static final String RELINK = """
            update delivery_receipt set outbound_message_id = (select id from outbound_message
                   where channel = $1 and provider_message_id = $2)
            where channel = $1 and provider_message_id = $2 and outbound_message_id is null
            returning status, error_code, error_message, occurred_at""";

    private final Db db;
    private final OutboundMessages outbound;

    DeliveryReceipts(Db db, OutboundMessages outbound) {
        this.db = db;
        this.outbound = outbound;
    }

    /**
     * CTE {@code r(outbound_message_id, channel, provider_message_id, status, error_code, error_message,
     * occurred_at)}: the receipts of {@code source} (a CTE with those columns but the first, and {@code ord}) stored
     * in {@code ord} order, each linked to its message when the provider id is known.
     */
    static String insertAll(String source) {
        return """
                r as (
                  insert into delivery_receipt (channel, provider_message_id, outbound_message_id, status, error_code,
                                                error_message, occurred_at)
                  select s.channel, s.provider_message_id,
                         (select id from outbound_message
                          where channel = s.channel and provider_message_id = s.provider_message_id),
                         s.status, s.error_code, s.error_message, s.occurred_at
                  from %s s order by s.ord
                  returning outbound_message_id, channel, provider_message_id, status, error_code, error_message,
                            occurred_at)""".formatted(source);
    }

    /**
     * CTE {@code link(status, error_code, error_message, occurred_at)}: receipts that arrived before the provider id
     * was stored, now linked to message {@code outboundId}.
     */
    static String linkEarly(String outboundId, String channel, String providerId) {
        return """
                link as (
                  update delivery_receipt set outbound_message_id = %s
                  where channel = %s and provider_message_id = %s and outbound_message_id is null
                  returning status, error_code, error_message, occurred_at)
                """.formatted(outboundId, channel, providerId);
    }

    /** Applies receipts left unlinked by a race between a callback and the send response (recovery job). */
    public Uni<Void> relinkPending() {
        return db.list(PENDING, r -> new String[]{r.getString("channel"), r.getString("provider_message_id")})
                .chain(keys -> Sequential.each(keys, key -> relink(Channel.valueOf(key[0]), key[1])));
    }

    private Uni<Void> relink(Channel channel, String providerMessageId) {
        return db.list(RELINK, r -> r, channel.name(), providerMessageId).chain(rows -> apply(channel,
                providerMessageId, rows));
    }

    private Uni<Void> apply(Channel channel, String providerMessageId, List<Row> rows) {
        return Sequential.each(rows, r -> outbound.applyStored(channel, providerMessageId,
                DeliveryStatus.valueOf(r.getString("status")), r.getString("error_code"), r.getString("error_message"),
                r.getOffsetDateTime("occurred_at").toInstant()));
    }
}
