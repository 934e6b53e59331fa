package gov.tawasul.staff.audit;

import gov.tawasul.staff.console.ConsolePage;

import java.util.List;

/**
 * What {@code templates/console/supervision/audit.html} shows: one page of the audit log, newest first.
 *
 * @param page        the layout's data
 * @param events      the events of this page
 * @param olderBefore the id to ask for the next (older) page with ({@code ?before=}), or null on the last page
 * @param first       whether this is the newest page
 */
public record AuditView(ConsolePage page, List<Line> events, Long olderBefore, boolean first) {

    /**
     * One event as shown.
     *
     * @param id          event id
     * @param time        local time, {@code yyyy-MM-dd HH:mm:ss}
     * @param isoTime     the instant, ISO-8601 (for {@code <time datetime>})
     * @param actor       who
     * @param action      action name
     * @param actionLabel action in the page's language
     * @param target      {@code type id}, or empty
     * @param detail      the details as compact JSON, or empty
     * @param address     remote address, or empty
     */
    public record Line(long id, String time, String isoTime, String actor, String action, String actionLabel,
                       String target, String detail, String address) {
    }
}
