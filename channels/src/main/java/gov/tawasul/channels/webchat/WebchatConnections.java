package gov.tawasul.channels.webchat;

import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chat sockets open on this instance, by visitor (a visitor may have several tabs open). Thread-safe; sending
 * never blocks (Vert.x queues the write on the socket's own context).
 */
@ApplicationScoped
public class WebchatConnections {

    private static final Logger LOG = Logger.getLogger(WebchatConnections.class);

    private final Map<String, Set<WebSocketConnection>> byVisitor = new ConcurrentHashMap<>();

    /** Registers an open socket of {@code visitor}. */
    void add(String visitor, WebSocketConnection connection) {
        byVisitor.computeIfAbsent(visitor, v -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    /** Forgets a closed socket. */
    void remove(String visitor, WebSocketConnection connection) {
        byVisitor.computeIfPresent(visitor, (v, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * Sends {@code frame} to every open socket of {@code visitor} on this instance.
     *
     * @return the number of sockets it was handed to (0: the visitor is not connected here)
     */
    public int deliver(String visitor, String frame) {
        Set<WebSocketConnection> open = byVisitor.get(visitor);
        if (open == null) {
            return 0;
        }
        int sent = 0;
        for (WebSocketConnection c : open) {
            if (c.isOpen()) {
                c.sendText(frame).subscribe().with(ok -> { },
                        e -> LOG.debugf("web chat frame not written to socket %s: %s", c.id(), e.getMessage()));
                sent++;
            }
        }
        return sent;
    }

    /** @return the number of visitors with an open socket here (for tests and metrics) */
    public int visitors() {
        return byVisitor.size();
    }
}
