package gov.tawasul.engine.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Settings of proactive case-status updates, prefix {@code tawasul.notifications}; see that block of
 * {@code application.properties}.
 */
@ConfigMapping(prefix = "tawasul.notifications")
public interface NotificationsConfig {

    /** @return {@code registered-contacts} (a case's registered SMS numbers follow it) or {@code askers-only}. */
    @WithDefault("registered-contacts")
    String defaultFollow();

    /** @return notifications sent per second at most (per instance; one instance drains at a time per address). */
    @WithDefault("10")
    int rate();

    /** @return how often the queue is looked at; each pass sends at most {@code rate × tick}. */
    @WithDefault("1s")
    Duration tick();

    /** @return SMS quiet hours {@code HH:mm-HH:mm} in {@link #timeZone()}; SMS due inside wait for the end. */
    @WithDefault("22:00-07:00")
    String quietHours();

    /** @return the zone of quiet hours and of the day the cap counts in. */
    @WithDefault("Asia/Riyadh")
    ZoneId timeZone();

    /** @return most notifications of one case to one address per day; more wait for the next day (newest only). */
    @WithDefault("3")
    int capPerCasePerDay();

    /**
     * @return most notifications of all cases together to one address within 24 hours (a citizen following many
     *         cases, or a contact mistyped on many); more wait an hour at a time, in their order (and collapse to the
     *         newest of each case meanwhile)
     */
    @WithDefault("10")
    int maxPerAddressPerDay();

    /**
     * @return where an update goes when the follower's channel cannot carry it (Messenger or WhatsApp outside the
     *         24-hour window, X refusing the DM: 349), in this order: the first of these channels (wire names,
     *         {@code sms}, {@code email}) on which the case has registered contacts and the bot has a sender; the
     *         channel that failed is skipped
     */
    @WithDefault("sms,email")
    java.util.List<String> fallbackOrder();

    /** @return our SMS number (E.164) or Messaging Service SID for followers we never talked to; unset = none. */
    Optional<String> smsFrom();

    /** @return pause after a pass the provider throttled (429/20429, Messenger #613), doubled while it lasts. */
    @WithDefault("1s")
    Duration throttlePause();

    /** @return longest pause after throttling. */
    @WithDefault("60s")
    Duration maxThrottlePause();

    /** @return a claimed notification older than this (its instance stopped) is pending again. */
    @WithDefault("2m")
    Duration staleClaim();

    /**
     * @return when the case system cannot answer a citizen's query, answer the case's last status known from a case
     *         event, "as of" its update time, instead of only an apology
     */
    @WithDefault("true")
    boolean lastKnownStatus();

    /** @return whether the dispatcher runs on this instance. */
    @WithDefault("true")
    boolean enabled();
}
