package gov.tawasul.engine.events;

import java.util.List;
import java.util.function.Consumer;

/**
 * Carries {@link ConversationEvent}s between running instances (implemented over Redis pub/sub by
 * {@link gov.tawasul.engine.redis.RedisEventRelay}). Delivery is best effort: a subscriber that may have missed
 * events receives a {@link ConversationEvent.Type#RESYNC} and catches up from the database.
 */
public interface EventRelay {

    /** Hands events of this instance to the others; returns at once (never blocks, never throws). */
    void publish(List<ConversationEvent> events);

    /** Registers the receiver of the other instances' events (and of RESYNC signals); called once at start-up. */
    void onRemote(Consumer<ConversationEvent> receiver);
}
