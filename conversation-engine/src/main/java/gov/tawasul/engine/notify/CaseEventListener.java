package gov.tawasul.engine.notify;

import gov.tawasul.engine.model.CaseRecord;

/**
 * Hears of every new case event right after it was committed (e.g. the case connector's cache, which the event
 * replaces). Must be quick and must not throw; it runs on the event loop.
 */
public interface CaseEventListener {

    /** @param record the case after the change */
    void changed(CaseRecord record);
}
