package gov.tawasul.staff.privacy;

import gov.tawasul.staff.view.ConsoleTime;
import io.quarkus.qute.TemplateExtension;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * Template extensions of the citizen-data pages, whose export document holds times as ISO-8601 strings and states
 * as the stores' enum names: {@code {msg.at.localTime(page.lang)}} shows a time as the rest of the console does
 * ({@link ConsoleTime}, Asia/Riyadh, Hijri and Gregorian in Arabic), {@code {msg.state.labelKey('in')}} gives the
 * message-bundle key ({@code messages/m_*.properties}) of a known value, or null for a value without a label
 * (then the template shows the value itself, left to right).
 */
@TemplateExtension
public final class CitizenLabels {

    /** The zone staff read times in. */
    static final ZoneId ZONE = ZoneId.of("Asia/Riyadh");

    /** Kinds of value and the values that have a label {@code <kind><VALUE>} in the console's bundle. */
    private static final Map<String, Set<String>> KNOWN = Map.of(
            "state", Set.of("BOT", "WAITING_FOR_AGENT", "WITH_AGENT", "CLOSED"),
            "in", Set.of("RECEIVED", "ANSWERED", "IGNORED", "HANDED_OFF", "FAILED"),
            "origin", Set.of("BOT", "AGENT", "NOTIFICATION", "SYSTEM"),
            "status", Set.of("QUEUED", "SENDING", "SENT", "DELIVERED", "READ", "UNDELIVERED", "FAILED"),
            "follow", Set.of("ASKER", "REGISTERED"),
            "notif", Set.of("PENDING", "SENDING", "SENT", "SUPERSEDED", "FELL_BACK", "REFUSED", "SKIPPED"),
            "optOut", Set.of("KEYWORD"),
            "erased", Set.of("inbound", "outbound", "optOuts", "followers", "notifications", "caseEvents",
                    "identityLinks", "conversations"));

    private CitizenLabels() {
    }

    /**
     * @param iso  an ISO-8601 time with offset (as PostgreSQL writes a {@code timestamptz} in JSON), or null
     * @param lang {@code ar} or {@code en}
     * @return the time in Asia/Riyadh as the console shows times, {@code ""} for null, the text itself when it is
     *         no time
     */
    static String localTime(String iso, String lang) {
        if (iso == null || iso.isBlank()) {
            return "";
        }
        try {
            return ConsoleTime.format(OffsetDateTime.parse(iso).toInstant(), ZONE, lang);
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /**
     * @param value an enum name as stored, or null
     * @param kind  {@code state} (conversation), {@code in} (inbound message), {@code origin}, {@code status}
     *              (outbound), {@code follow} (followed case's source), {@code notif} (notification state),
     *              {@code optOut} (reason), {@code erased} (erasure counts)
     * @return the bundle key {@code kind + value}, or null when the value has no label
     */
    static String labelKey(String value, String kind) {
        Set<String> known = KNOWN.get(kind);
        return value != null && known != null && known.contains(value) ? kind + value : null;
    }
}
