package gov.tawasul.engine.store;

import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.InboundState;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.model.TranscriptEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;

/** Reads a conversation's messages in both directions, oldest first, for staff. Read-only. */
@ApplicationScoped
public class Transcripts {

    private static final String LATEST = """
            select * from (
              (select true as inbound, i.id, i.received_at as at, i.text, i.kind, i.intent, i.state as inbound_state,
                      null::varchar as origin, null::varchar as sent_by, false as from_echo, null::varchar as status,
                      null::varchar as error_code, null::text as error_message, null::int as segments,
                      null::timestamptz as delivered_at, null::timestamptz as read_at
               from inbound_message i where i.conversation_id = $1 order by i.id desc limit $2)
              union all
              (select false, o.id, o.created_at, o.text, null, null, null, o.origin, o.sent_by, o.from_echo, o.status,
                      o.error_code, o.error_message, o.segments, o.delivered_at, o.read_at
               from outbound_message o where o.conversation_id = $1 order by o.id desc limit $2)) m
            order by m.at desc, m.inbound desc, m.id desc limit $2""";

    private final Db db;

    Transcripts(Db db) {
        this.db = db;
    }

    /**
     * @param conversationId the conversation
     * @param limit          at most this many of its newest messages
     * @return the messages, oldest first (empty for an unknown conversation)
     */
    public Uni<List<TranscriptEntry>> latest(long conversationId, int limit) {
        return db.list(LATEST, Transcripts::entry, conversationId, limit).map(list -> {
            Collections.reverse(list);
            return list;
        });
    }

    private static TranscriptEntry entry(Row r) {
        boolean inbound = r.getBoolean("inbound");
        String origin = r.getString("origin");
        String status = r.getString("status");
        String state = r.getString("inbound_state");
        return new TranscriptEntry(inbound, r.getLong("id"), instant(r.getOffsetDateTime("at")), r.getString("text"),
                r.getString("kind"), r.getString("intent"), state == null ? null : InboundState.valueOf(state),
                origin == null ? null : Origin.valueOf(origin), r.getString("sent_by"),
                Boolean.TRUE.equals(r.getBoolean("from_echo")), status == null ? null : DeliveryStatus.valueOf(status),
                r.getString("error_code"), r.getString("error_message"), r.getInteger("segments"),
                instant(r.getOffsetDateTime("delivered_at")), instant(r.getOffsetDateTime("read_at")));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
