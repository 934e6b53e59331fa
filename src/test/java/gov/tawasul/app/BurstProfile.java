package gov.tawasul.app;

import java.util.HashMap;
import java.util.Map;

/** Case events with a fast queue (1,000 notifications per second) and SMS quiet hours off, for the burst. */
public class BurstProfile extends CaseEventsProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("tawasul.notifications.rate", System.getProperty("tawasul.burst.rate", "1000"));
        config.put("tawasul.notifications.quiet-hours", "none");
        config.put("quarkus.log.category.\"gov.tawasul\".level", "INFO");
        return config;
    }
}
