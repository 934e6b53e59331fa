package gov.tawasul.staff.audit;

import gov.tawasul.engine.store.Db;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The store of table {@code audit_event}: the append-only log of what staff did and who tried to sign in. Rows are
 * only ever inserted (the database refuses UPDATE, DELETE and TRUNCATE), except that the retention removes rows
 * older than {@code tawasul.retention.audit} through {@link #purgeBefore}. Must be called on a Vert.x context.
 */
@ApplicationScoped
public class AuditLog {

    /** {@code actor} of events no person caused (start-up, timers). */
    public static final String SYSTEM = "system";
    /** Most events {@link #recent} returns at once. */
    public static final int MAX_PAGE = 200;

    private static final String INSERT = """
            insert into audit_event (actor, action, target_type, target_id, detail, remote_address)
            values ($1, $2, $3, $4, $5, cast($6::text as inet))""";
    private static final String RECENT = """
            select id, at, actor, action, target_type, target_id, detail, host(remote_address) as remote_address
            from audit_event where ($2::bigint is null or id < $2) order by id desc limit $1""";
    private static final String PURGE = "select audit_event_purge($1) as removed";
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final Db db;

    AuditLog(Db db) {
        this.db = db;
    }

    /**
     * Records an event; the remote address is the current HTTP request's when there is one.
     *
     * @param actor      staff username (cut to 64 characters), or {@link #SYSTEM}
     * @param action     what happened
     * @param targetType kind of thing it is about ({@code conversation}, {@code staff_user}, …), or null
     * @param targetId   which one, or null (cut to 128 characters)
     * @param detail     JSON-serialisable details, or null; never a password or a message text
     * @return completes once the row is committed; fails when it could not be written
     */
    public Uni<Void> record(String actor, AuditAction action, String targetType, String targetId,
                            Map<String, Object> detail) {
        return record(actor, action, targetType, targetId, detail, currentRemoteAddress());
    }

    /**
     * Records an event from the given remote address (for callers outside a JAX-RS request, e.g. the login).
     *
     * @param remoteAddress IP address, or null; anything that is not an IP address is stored as null
     * @see #record(String, AuditAction, String, String, Map)
     */
    public Uni<Void> record(String actor, AuditAction action, String targetType, String targetId,
                            Map<String, Object> detail, String remoteAddress) {
        JsonObject json = detail == null ? new JsonObject() : new JsonObject(new java.util.LinkedHashMap<>(detail));
        return db.update(INSERT, cut(actor == null ? SYSTEM : actor, 64), action.name(), cut(targetType, 32),
                cut(targetId, 128), json, ipOrNull(remoteAddress)).replaceWithVoid();
    }

    /**
     * @param limit    at most this many events (1 to {@value #MAX_PAGE}; other values are brought into that range)
     * @param beforeId only events older than this id (the last id of the previous page), or null for the newest
     * @return events, newest first
     */
    public Uni<List<AuditEvent>> recent(int limit, Long beforeId) {
        return db.list(RECENT, AuditLog::event, Math.max(1, Math.min(MAX_PAGE, limit)), beforeId);
    }

    /**
     * Removes the events older than {@code before} (retention, {@code tawasul.retention.audit}), through the
     * database function {@code audit_event_purge}: the only way the append-only trigger lets a row go (migration
     * V17). It refuses a {@code before} later than 30 days ago.
     *
     * @return events removed
     */
    public Uni<Long> purgeBefore(java.time.Instant before) {
        return db.first(PURGE, r -> r.getLong("removed"), before.atOffset(java.time.ZoneOffset.UTC))
                .map(n -> n.orElse(0L));
    }

    private static AuditEvent event(Row row) {
        JsonObject detail = row.getJsonObject("detail");
        return new AuditEvent(row.getLong("id"), row.getOffsetDateTime("at").toInstant(), row.getString("actor"),
                AuditAction.valueOf(row.getString("action")), row.getString("target_type"),
                row.getString("target_id"), detail == null ? Map.of() : detail.getMap(),
                row.getString("remote_address"));
    }

    /** @return the IP address of the HTTP request being handled on this thread, or null when there is none */
    static String currentRemoteAddress() {
        var container = Arc.container();
        InjectableContext requestContext = container == null ? null : container.requestContext();
        if (requestContext == null || !requestContext.isActive()) {
            return null;
        }
        var current = container.instance(CurrentVertxRequest.class);
        RoutingContext routing = current.isAvailable() ? current.get().getCurrent() : null;
        return routing == null ? null : remoteAddressOf(routing);
    }

    /** @return the IP address {@code routing}'s request came from (as the HTTP layer sees it), or null */
    public static String remoteAddressOf(RoutingContext routing) {
        SocketAddress address = routing.request().remoteAddress();
        return address == null ? null : ipOrNull(address.hostAddress());
    }

    private static String ipOrNull(String address) {
        if (address == null) {
            return null;
        }
        int scope = address.indexOf('%');
        String ip = scope >= 0 ? address.substring(0, scope) : address;
        return IP.matcher(ip).matches() ? ip : null;
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
