package gov.tawasul.engine.identity;

import gov.tawasul.engine.testing.EngineTestProfile;
import gov.tawasul.engine.testing.RecordingSender;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Engine tests of identity and bounded guessing: every channel recorded (no channel involved), the shipped limits
 * (budget 10, 3 codes per case and 5 per address a day, 200 an hour) in a Redis key space of this run
 * ({@link #PREFIX}), so that runs within one hour or day do not see each other's counts.
 */
public class PrivacyTestProfile extends EngineTestProfile {

    /** The Redis key prefix of this test run. */
    public static final String PREFIX = "tawasul-privacy-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    /** Our SMS number: codes are sent from it. */
    public static final String SMS_FROM = "+15555550177";

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(RecordingSender.class, OtherChannelRecorders.Messenger.class, OtherChannelRecorders.X.class,
                OtherChannelRecorders.WhatsApp.class, OtherChannelRecorders.WebChat.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tawasul.redis.key-prefix", PREFIX,
                "tawasul.notifications.sms-from", SMS_FROM,
                "tawasul.engine.lookup-budget", "10",
                "tawasul.identity.max-codes-per-case-per-day", "3",
                "tawasul.identity.max-codes-per-address-per-day", "5",
                "tawasul.identity.max-codes-per-hour", "200",
                "tawasul.identity.lookup-report-senders", "20");
    }
}
