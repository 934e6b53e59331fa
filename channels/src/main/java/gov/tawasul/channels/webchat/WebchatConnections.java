package gov.tawasul.channels.webchat;

import gov.tawasul.engine.shutdown.CloseLongConnections;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chat sockets open on this instance, by visitor (a visitor may have several tabs open). Thread-safe; sending
 * never blocks (Vert.x queues the write on the socket's own context). When the instance stops
 * ({@link CloseLongConnections}) every socket is closed with {@value #SERVICE_RESTART} "Service Restart" (RFC 6455
 * §7.4.1 / IANA registry): the page reconnects, to another instance, and shows its history.
 */
@ApplicationScoped
public class WebchatConnections {

    private static final Logger LOG = Logger.getLogger(WebchatConnections.class);

    /** WebSocket close code "Service Restart": https://www.iana.org/assignments/websocket/websocket.xhtml */
    static final int SERVICE_RESTART = 1012;

    private final Map<String, Set<WebSocketConnection>> byVisitor = new ConcurrentHashMap<>();
    private final OpenConnections open;

    WebchatConnections(OpenConnections open) {
        this.open = open;
    }

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

    /**
     * Closes every chat socket open here, those that have not said hello yet too (the instance stops); the pages
     * reconnect elsewhere.
     */
    void closeAll(@Observes CloseLongConnections event) {
        int closed = 0;
        for (WebSocketConnection c : open.findByEndpointId(WebchatEndpoint.ID)) {
            if (c.isOpen()) {
                c.close(new CloseReason(SERVICE_RESTART, "server restarting")).subscribe().with(ok -> { },
                        e -> LOG.debugf("web chat socket %s not closed: %s", c.id(), e.getMessage()));
                closed++;
            }
        }
        LOG.infof("web chat: %d sockets closed (the instance stops)", closed);
    }

    /** @return the number of visitors with an open socket here (for tests and metrics) */
    public int visitors() {
        return byVisitor.size();
    }
}
