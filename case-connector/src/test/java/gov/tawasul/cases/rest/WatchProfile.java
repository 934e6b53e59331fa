package gov.tawasul.cases.rest;

import java.util.HashMap;
import java.util.Map;

/** The REST connector with the watch mode on: a slice every second, every followed case once per second. */
public class WatchProfile extends RestConnectorProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("tawasul.cases.watch.enabled", "true");
        config.put("tawasul.cases.watch.tick", "1s");
        config.put("tawasul.cases.watch.interval", "1s");
        config.put("tawasul.cases.watch.calls-per-minute", "600");
        return config;
    }
}
