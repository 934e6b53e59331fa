package gov.tawasul.staff.reports;

import gov.tawasul.engine.handoff.OfficeHours;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;

/**
 * The first-response service level of a conversation waiting for staff, for the console's list
 * ({@code {inject:sla.state(line.waitingSince, list.now)}} in {@code templates/console/rows.html}): office time
 * counts only ({@link OfficeHours#officeDuration}); "about to breach" once less than
 * {@code tawasul.staff.sla.warn-before} (5 min) of the {@code tawasul.staff.sla.first-response} (15 min) is left.
 */
@ApplicationScoped
@Named("sla")
public class SlaWatch {

    private final OfficeHours officeHours;
    private final Duration sla;
    private final Duration warnBefore;

    SlaWatch(OfficeHours officeHours,
             @ConfigProperty(name = "tawasul.staff.sla.first-response", defaultValue = "15m") Duration sla,
             @ConfigProperty(name = "tawasul.staff.sla.warn-before", defaultValue = "5m") Duration warnBefore) {
        this.officeHours = officeHours;
        this.sla = sla;
        this.warnBefore = warnBefore;
    }

    /**
     * @param waitingSince when the conversation started to wait (null: not waiting)
     * @param now          the list's time
     * @return {@code breached}, {@code soon} (about to breach) or {@code ok} ({@code ok} also when not waiting)
     */
    public String state(Instant waitingSince, Instant now) {
        if (waitingSince == null) {
            return "ok";
        }
        Duration left = left(waitingSince, now);
        return left.isNegative() || left.isZero() ? "breached" : left.compareTo(warnBefore) <= 0 ? "soon" : "ok";
    }

    /** @return office time left before the breach (negative once breached) */
    public Duration left(Instant waitingSince, Instant now) {
        return sla.minus(officeHours.officeDuration(waitingSince, now));
    }

    /** @return whole minutes left, at least 1 (for "SLA due in N min") */
    public long minutesLeft(Instant waitingSince, Instant now) {
        return Math.max(1, (left(waitingSince, now).toSeconds() + 59) / 60);
    }
}
