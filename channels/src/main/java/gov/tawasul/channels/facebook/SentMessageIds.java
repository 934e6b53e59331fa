package gov.tawasul.channels.facebook;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Messenger {@code mid}s this process sent recently (most recent {@value #CAPACITY}), so that their echoes are
 * recognised as the bot's own even when {@code tawasul.facebook.app-id} is not set or the echo overtakes the Send API
 * response. In memory only: across instances the echo's {@code app_id} and {@code metadata} do the same job.
 */
@ApplicationScoped
public class SentMessageIds {

    static final int CAPACITY = 10_000;

    private final Set<String> ids = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<String, Boolean>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > CAPACITY;
                }
            }));

    /** Remembers a mid the Send API returned. */
    public void add(String mid) {
        if (mid != null) {
            ids.add(mid);
        }
    }

    /** @return true when this process sent the message with this mid */
    public boolean contains(String mid) {
        return mid != null && ids.contains(mid);
    }
}
