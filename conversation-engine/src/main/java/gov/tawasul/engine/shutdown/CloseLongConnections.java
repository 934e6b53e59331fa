package gov.tawasul.engine.shutdown;

/**
 * CDI event: the instance is shutting down and its long-lived connections (web chat sockets, staff SSE streams)
 * must end now, so that their clients reconnect to another instance and Quarkus' graceful shutdown is not held by
 * them until {@code quarkus.shutdown.timeout}. Fired once by {@link LongConnectionsClosing}; observers must not
 * block.
 */
public record CloseLongConnections() {
}
