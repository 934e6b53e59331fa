package gov.tawasul.engine.store;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Handler;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps a PostgreSQL outage to two log lines: the first failure that means "the database cannot be reached" is
 * logged once ({@code PostgreSQL unreachable: …}), the following ones — every request, job pass and pool timer
 * during the outage — are only counted, and a probe ({@code select 1} every second while it lasts) logs once when it
 * answers again, with the count. Callers ask {@link #absorbed} before they log a failure of their own.
 * <p>
 * The pool's own noise: vertx-sql-client 4.5 (https://github.com/eclipse-vertx/vertx-sql-client/issues/1706) arms
 * a 30 s timer for every statement waiting for a connection and does not cancel it when the connection attempt
 * fails; the timer then fails the already failed promise and Vert.x reports {@code IllegalStateException: Result is
 * already complete} as an uncaught exception — one stack trace per statement tried during the outage (2,959 lines
 * in a 20 s outage). The Vert.x exception handler installed at start-up counts those and hands anything else to the
 * handler it replaces.
 */
@ApplicationScoped
public class DatabaseOutage {

    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);
    private static final Duration PROBE_EVERY = Duration.ofSeconds(1);

    private final Pool pool;
    private final Vertx vertx;
    private final AtomicReference<Long> since = new AtomicReference<>();
    private final AtomicLong absorbed = new AtomicLong();
    private final AtomicLong poolTimerFailures = new AtomicLong();

    DatabaseOutage(Pool pool, Vertx vertx) {
        this.pool = pool;
        this.vertx = vertx;
    }

    void installPoolTimerGuard(@Observes StartupEvent start) {
        io.vertx.core.Vertx core = vertx.getDelegate();
        Handler<Throwable> previous = core.exceptionHandler();
        core.exceptionHandler(t -> {
            if (isPoolTimerNoise(t)) {
                poolTimerFailures.incrementAndGet();
            } else if (previous != null) {
                previous.handle(t);
            } else {
                LOG.error("uncaught exception on a Vert.x thread", t);
            }
        });
    }

    /** @return whether {@code t} is the pool's late timer failing a finished statement (see the class) */
    static boolean isPoolTimerNoise(Throwable t) {
        if (!(t instanceof IllegalStateException) || !"Result is already complete".equals(t.getMessage())) {
            return false;
        }
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith("io.vertx.sqlclient.impl.pool.")) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return whether {@code failure} (or a cause) says PostgreSQL cannot be reached: the connection closed or
     *         refused, the pool's wait timed out, the server shutting down or not accepting connections (SQLSTATE
     *         class 08, 57P01–57P03)
     */
    public static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ClosedConnectionException || t instanceof ConnectException
                    || t instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
                return true;
            }
            if (t instanceof io.vertx.core.impl.NoStackTraceThrowable && "Timeout".equals(t.getMessage())) {
                return true; // the pool's wait for a connection (PoolOptions connectionTimeout)
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * Call before logging a failure: a failure that means "PostgreSQL cannot be reached" is counted here (the first
     * of an outage logged once) and the caller logs nothing.
     *
     * @return true when the failure was absorbed (do not log it), false for any other failure (log it as before)
     */
    public boolean absorbed(Throwable failure) {
        if (!isUnreachable(failure)) {
            return false;
        }
        absorbed.incrementAndGet();
        if (since.compareAndSet(null, System.nanoTime())) {
            LOG.warnf("PostgreSQL unreachable: %s; requests are answered 503, jobs retry, further failures are "
                    + "counted until it answers again", describe(failure));
            probeLater();
        }
        return true;
    }

    /** @return how many of the pool's late timer failures (see the class) were kept out of the log so far */
    public long poolTimerFailures() {
        return poolTimerFailures.get();
    }

    /** @return whether an outage is known now (a failure was absorbed and the probe has not reached PostgreSQL) */
    public boolean ongoing() {
        return since.get() != null;
    }

    private void probeLater() {
        vertx.setTimer(PROBE_EVERY.toMillis(), id -> pool.query("select 1").execute()
                .subscribe().with(ok -> {
                    Long began = since.getAndSet(null);
                    if (began != null) {
                        LOG.infof("PostgreSQL answers again after %d s (%d failures during the outage not logged)",
                                Duration.ofNanos(System.nanoTime() - began).toSeconds(), absorbed.getAndSet(0));
                    }
                }, e -> probeLater()));
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** For callers that recover a failed {@code Uni}: logs {@code message} with {@code e} unless absorbed. */
    public Uni<Void> logUnlessAbsorbed(Logger log, Throwable e, String message) {
        if (!absorbed(e)) {
            log.warn(message, e);
        }
        return Uni.createFrom().voidItem();
    }
}
