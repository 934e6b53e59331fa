package gov.tawasul.engine.notify;

import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.store.CaseEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Objects;

/**
 * Where every change of a case enters: the push endpoint ({@code POST /api/case-events}), the watch mode and the
 * CSV import call {@link #accept}. The event is committed once per event id; its notifications are queued by the
 * {@link NotificationDispatcher} (from the table, so nothing is lost when the instance stops after the commit), and
 * every {@link CaseEventListener} (the case cache) hears of a new event at once.
 * <p>
 * Metric: {@code tawasul.case.events} (tags {@code source}, {@code outcome} = {@code stored}|{@code duplicate}).
 */
@ApplicationScoped
public class CaseEventIntake {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CaseEventIntake.class);

    /** Where an event came from, stored by name. */
    public enum Source {
        /** The case system called {@code POST /api/case-events}. */
        PUSH,
        /** The watch mode saw a changed status or update time. */
        WATCH,
        /** An imported CSV changed the case (local connector). */
        IMPORT
    }

    private final CaseEvents events;
    private final Instance<CaseEventListener> listeners;
    private final MeterRegistry metrics;

    CaseEventIntake(CaseEvents events, Instance<CaseEventListener> listeners, MeterRegistry metrics) {
        this.events = events;
        this.listeners = listeners;
        this.metrics = metrics;
    }

    /**
     * Stores an event once. Completes after the commit.
     *
     * @param eventId the event's id (1–128 characters); the same id again is the same event
     * @param source  where it came from
     * @param record  the case after the change
     * @return true when new, false when an event with this id was already stored
     */
    public Uni<Boolean> accept(String eventId, Source source, CaseRecord record) {
        Objects.requireNonNull(eventId, "eventId");
        return events.record(eventId, source.name(), record, true).chain(id -> {
            counter(source, id.isPresent() ? "stored" : "duplicate").increment();
            return id.isPresent() ? tellListeners(record).replaceWith(true) : Uni.createFrom().item(false);
        });
    }

    /** Every {@link CaseEventListener}, one after the other; a failure is logged, never passed on. */
    private Uni<Void> tellListeners(CaseRecord record) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (CaseEventListener listener : listeners) {
            all = all.chain(() -> listener.changed(record).onFailure().recoverWithUni(e -> {
                LOG.warnf(e, "case event listener %s failed for case %s", listener.getClass().getSimpleName(),
                        record.caseNumber());
                return Uni.createFrom().voidItem();
            }));
        }
        return all;
    }

    /**
     * The case as a poll (watch mode) or an import saw it: an event when its {@code status} or {@code updatedAt}
     * differs from the last known one (event id {@code <source>-<case>-<status>-<updatedAt epoch s>}); the first
     * sighting is stored as the baseline, telling nobody; the same again is nothing.
     *
     * @return true when it made an event
     */
    public Uni<Boolean> observe(Source source, CaseRecord record) {
        return events.latest(record.caseNumber()).chain(latest -> {
            if (latest.isPresent() && same(latest.get().record(), record)) {
                return Uni.createFrom().item(false);
            }
            String id = eventIdFor(source, record);
            if (latest.isEmpty()) {
                return events.record(id, source.name(), record, false)
                        .chain(stored -> stored.isPresent() ? tellListeners(record) : Uni.createFrom().voidItem())
                        .replaceWith(false);
            }
            return accept(id, source, record);
        });
    }

    private static boolean same(CaseRecord known, CaseRecord seen) {
        return Objects.equals(known.status(), seen.status()) && (known.updatedAt() == null
                ? seen.updatedAt() == null
                : seen.updatedAt() != null && known.updatedAt().toInstant().equals(seen.updatedAt().toInstant()));
    }

    /**
     * @return the id of an event the bot made itself: {@code <source>-<case>-<status>-<updatedAt epoch s>} (a
     *         SHA-256 of it when longer than 128 characters), so that the same change seen twice is one event
     */
    public static String eventIdFor(Source source, CaseRecord record) {
        String id = source.name().toLowerCase(java.util.Locale.ROOT) + "-" + record.caseNumber() + "-"
                + record.status() + "-" + (record.updatedAt() == null ? "" : record.updatedAt().toEpochSecond());
        if (id.length() <= 128) {
            return id;
        }
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return source.name().toLowerCase(java.util.Locale.ROOT) + "-" + java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Counter counter(Source source, String outcome) {
        return metrics.counter("tawasul.case.events", "source", source.name(), "outcome", outcome);
    }
}
