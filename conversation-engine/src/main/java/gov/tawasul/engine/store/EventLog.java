package gov.tawasul.engine.store;

import gov.tawasul.engine.events.ConversationEvent;
import gov.tawasul.engine.model.Channel;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Reads the changes after an event position back from the tables that carry one ({@code conversation},
 * {@code inbound_message}, {@code outbound_message}: column {@code position}, sequence
 * {@code conversation_event_position}). Read-only.
 */
@ApplicationScoped
public class EventLog {

    private static final String AFTER = """
            select * from (
              select position, 'INBOUND_STORED' as type, conversation_id, id as message_id, channel, state,
                     null::varchar as error_code
              from inbound_message where position > $1
              union all
              select position, 'OUTBOUND_STATUS', conversation_id, id, channel, status, error_code
              from outbound_message where position > $1
              union all
              select position, 'CONVERSATION_STATE', id, 0, channel, state, null
              from conversation where position > $1
            ) e order by position limit $2""";

    private final Db db;

    EventLog(Db db) {
        this.db = db;
    }

    /** @return at most {@code limit} changes after {@code position}, oldest first */
    public Uni<List<ConversationEvent>> after(long position, int limit) {
        return db.list(AFTER, EventLog::event, position, limit);
    }

    private static ConversationEvent event(Row r) {
        return new ConversationEvent(r.getLong("position"), ConversationEvent.Type.valueOf(r.getString("type")),
                r.getLong("conversation_id"), r.getLong("message_id"), Channel.valueOf(r.getString("channel")),
                r.getString("state"), r.getString("error_code"));
    }
}
