package gov.tawasul.staff.desk;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When this instance last audited a staff member's view of a conversation, so that a transcript fetched again
 * within {@link #WINDOW} (live refreshes) is one audited view, and one fetched later is a new one. In memory, at
 * most {@value #MAX} entries (the oldest are forgotten first: forgetting costs one more audit row, never one less).
 */
final class ViewAudits {

    /** A view of the same conversation by the same person within this time is the same view. */
    static final Duration WINDOW = Duration.ofMinutes(10);
    static final int MAX = 50_000;

    private final Map<String, Instant> last = new ConcurrentHashMap<>();

    /** Notes a view audited now (an explicit open, always audited). */
    void opened(String username, long conversationId) {
        note(username, conversationId, Instant.now());
    }

    /** @return whether a view now must be audited (and notes it when so) */
    boolean due(String username, long conversationId) {
        Instant now = Instant.now();
        Instant before = last.get(username + "/" + conversationId);
        if (before != null && before.plus(WINDOW).isAfter(now)) {
            return false;
        }
        note(username, conversationId, now);
        return true;
    }

    private void note(String username, long conversationId, Instant at) {
        if (last.size() >= MAX) {
            Instant cutoff = at.minus(WINDOW);
            last.values().removeIf(t -> t.isBefore(cutoff));
            if (last.size() >= MAX) {
                last.clear();
            }
        }
        last.put(username + "/" + conversationId, at);
    }
}
