package gov.tawasul.engine.notify;

import gov.tawasul.engine.model.CaseRecord;
import io.smallrye.mutiny.Uni;

/**
 * Hears of every new case event (and of the watch mode's first sighting of a case) right after it was committed,
 * e.g. the case connector's cache, which the event replaces. {@link CaseEventIntake} waits for it before it
 * completes (so that {@code POST /api/case-events} answers 202 only when the cache holds the event's case); it is
 * called and completes on the caller's Vert.x context, and must not fail (a failure is logged and ignored).
 */
public interface CaseEventListener {

    /**
     * @param record the case after the change
     * @return completes when the change is taken into account
     */
    Uni<Void> changed(CaseRecord record);
}
