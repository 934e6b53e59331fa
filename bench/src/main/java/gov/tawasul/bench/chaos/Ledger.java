package gov.tawasul.bench.chaos;

import gov.tawasul.bench.fake.FakeTwilioApi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the fake providers saw: every message they accepted (recipient, text, provider id) and, for Twilio, whether
 * the app answered its delivered callback. The chaos run compares it with the app's outbound rows. Thread-safe.
 */
final class Ledger implements FakeTwilioApi.Observer {

    /** One accepted message. */
    static final class Send {
        final String channel;
        final String to;
        final String text;
        final String id;
        volatile int callbackStatus = -1;

        Send(String channel, String to, String text, String id) {
            this.channel = channel;
            this.to = to;
            this.text = text;
            this.id = id;
        }
    }

    private final Map<String, List<Send>> byTo = new ConcurrentHashMap<>();
    private final Map<String, Send> byId = new ConcurrentHashMap<>();

    void accepted(String channel, String to, String text, String id) {
        Send s = new Send(channel, to, text, id);
        byId.put(id, s);
        List<Send> list = byTo.computeIfAbsent(to, k -> new ArrayList<>());
        synchronized (list) {
            list.add(s);
        }
    }

    @Override
    public void created(String to, String text, String sid) {
        accepted("SMS", to, text, sid);
    }

    @Override
    public void callbackAnswered(String sid, int status) {
        Send s = byId.get(sid);
        if (s != null) {
            s.callbackStatus = status;
        }
    }

    /** @return the messages accepted for {@code to}, oldest first (a copy) */
    List<Send> to(String to) {
        List<Send> list = byTo.get(to);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return new ArrayList<>(list);
        }
    }

    Send byId(String id) {
        return byId.get(id);
    }
}
