package gov.tawasul.app;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Case events enabled: two valid secrets (a rotation), an SMS sender and the service's name. */
public class CaseEventsProfile implements QuarkusTestProfile {

    /** The current secret. */
    public static final String SECRET = "case-events-test-secret-2026";
    /** The previous secret, still valid during the rotation. */
    public static final String OLD_SECRET = "case-events-test-secret-2025";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "tawasul.cases.events.secrets", SECRET + "," + OLD_SECRET,
                "tawasul.notifications.sms-from", "+15555550199",
                "tawasul.service-name.ar", "تواصل — إمارة منطقة الرياض",
                "tawasul.service-name.en", "Tawasul — Riyadh Region");
    }
}
