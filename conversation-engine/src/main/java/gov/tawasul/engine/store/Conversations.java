package gov.tawasul.engine.store;

import gov.tawasul.engine.events.ConversationEvent;
import gov.tawasul.engine.events.ConversationEvents;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.ConversationState;
import gov.tawasul.engine.model.ConversationView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The store of table {@code conversation}: one row per (channel, citizen address, our address). The SQL that
 * writes this table lives here only; the few statements that must change a conversation atomically with a message
 * take one of the CTEs below ({@link #upsertOnInbound}, {@link #upsertOnEcho}, {@link #setLocale}), so that a
 * message costs one round trip. Must be called on a Vert.x event-loop context.
 */
@ApplicationScoped
public class Conversations {

    /** Columns a {@link ConversationView} is read from (with {@code opted_out}), prefixed by the alias {@code c}. */
    static final String VIEW_COLUMNS = "c.id, c.channel, c.citizen_address, c.bot_address, c.state, c.locale, "
            + "c.last_inbound_at";

    private static final String OPEN = """
            with c as (
              insert into conversation (channel, citizen_address, bot_address) values ($1, $2, $3)
              on conflict (channel, citizen_address, bot_address) do update set updated_at = conversation.updated_at
              returning *)
            select %s, %s as opted_out from c""".formatted(VIEW_COLUMNS, OptOuts.existsFor("c"));

    private static final String CHANGE_STATE = """
            update conversation set state = $2, updated_at = now(), position = nextval('conversation_event_position')
            where id = $1 and state <> $2
            returning id, channel, state, position""";

    private final Db db;
    private final ConversationEvents events;

    Conversations(Db db, ConversationEvents events) {
        this.db = db;
        this.events = events;
    }

    /**
     * CTE {@code conv(id)}: the conversation of an inbound message, created or touched (name kept when the message
     * has none, {@code last_inbound_at} only moves forward).
     *
     * @param channel, citizen, bot, name, at the statement's parameter references, e.g. {@code "$1"}
     */
    static String upsertOnInbound(String channel, String citizen, String bot, String name, String at) {
        return """
                conv as (
                  insert into conversation (channel, citizen_address, bot_address, citizen_name, last_inbound_at)
                  values (%s, %s, %s, cast(%s as varchar), %s)
                  on conflict (channel, citizen_address, bot_address) do update
                    set updated_at = now(),
                        citizen_name = coalesce(excluded.citizen_name, conversation.citizen_name),
                        last_inbound_at = greatest(conversation.last_inbound_at, excluded.last_inbound_at)
                  returning id)""".formatted(channel, citizen, bot, name, at);
    }

    /** CTE {@code conv(id)}: the conversation of a message our account sent outside the bot (an echo). */
    static String upsertOnEcho(String channel, String citizen, String bot) {
        return """
                conv as (
                  insert into conversation (channel, citizen_address, bot_address) values (%s, %s, %s)
                  on conflict (channel, citizen_address, bot_address) do update set updated_at = now()
                  returning id)""".formatted(channel, citizen, bot);
    }

    /** CTE {@code conv_locale}: keeps the language of the conversation's latest reply. */
    static String setLocale(String conversationId, String locale) {
        return "conv_locale as (update conversation set locale = %s, updated_at = now() where id = %s)"
                .formatted(locale, conversationId);
    }

    /**
     * The conversation between a citizen and one of our addresses, created when it does not exist yet (a
     * notification or code to a citizen who never wrote).
     */
    public Uni<ConversationView> open(Address citizen, Address bot) {
        return db.first(OPEN, Conversations::view, citizen.channel().name(), citizen.value(), bot.value())
                .map(Optional::orElseThrow);
    }

    /**
     * Moves the conversation to {@code state} and publishes {@code CONVERSATION_STATE}.
     *
     * @return true when it changed (false: unknown id, or already in that state)
     */
    public Uni<Boolean> changeState(long conversationId, ConversationState state) {
        return db.first(CHANGE_STATE, r -> new ConversationEvent(r.getLong("position"),
                        ConversationEvent.Type.CONVERSATION_STATE, r.getLong("id"), 0,
                        Channel.valueOf(r.getString("channel")), r.getString("state"), null),
                        conversationId, state.name())
                .invoke(e -> e.ifPresent(events::published))
                .map(Optional::isPresent);
    }

    /** Builds a view from a row with {@link #VIEW_COLUMNS} and {@code opted_out}. */
    static ConversationView view(Row r) {
        Channel channel = Channel.valueOf(r.getString("channel"));
        OffsetDateTime last = r.getOffsetDateTime("last_inbound_at");
        return new ConversationView(r.getLong("id"), new Address(channel, r.getString("citizen_address")),
                new Address(channel, r.getString("bot_address")), ConversationState.valueOf(r.getString("state")),
                r.getString("locale"), last == null ? null : last.toInstant(), r.getBoolean("opted_out"));
    }
}
