package gov.tawasul.engine.notify;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/**
 * The time notifications are planned by (quiet hours, the daily cap, due times): the system clock, which a test
 * may replace ({@link #use}) to be at 23:00 in Riyadh or on the next day.
 */
@ApplicationScoped
public class NotificationClock {

    private volatile Clock clock = Clock.systemUTC();

    /** @return now */
    public Instant instant() {
        return clock.instant();
    }

    /** Tests: plan by {@code clock} from now on; {@code null} goes back to the system clock. */
    public void use(Clock clock) {
        this.clock = clock == null ? Clock.systemUTC() : clock;
    }
}
