package gov.tawasul.staff.desk;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.model.TranscriptEntry;
import gov.tawasul.staff.view.ProviderErrors;

import java.time.Instant;
import java.util.Locale;

/**
 * One message of a transcript as staff see it, and its JSON in {@code GET /api/staff/conversations/{id}}.
 *
 * @param id           message id (inbound and outbound ids are separate sequences: the pair direction + id is unique)
 * @param direction    {@code inbound} or {@code outbound}
 * @param at           received (inbound) or queued (outbound)
 * @param text         the text
 * @param from         {@code citizen}, {@code bot}, {@code agent}, {@code notification}, {@code system}
 * @param agent        for {@code agent}: the staff member's display name, or null when sent from the provider's
 *                     own inbox
 * @param status       outbound: {@code QUEUED}, {@code SENDING}, {@code SENT}, {@code DELIVERED}, {@code READ},
 *                     {@code UNDELIVERED}, {@code FAILED}; inbound: null
 * @param errorCode    the provider's error code as it came, or null
 * @param errorMeaning what that code means, in the viewer's language, or (failed, or queued for a retry) the
 *                     provider's own error text, or null
 * @param segments     SMS segments billed, or null
 * @param deliveredAt  when delivered, or null
 * @param readAt       when read, or null
 * @param intent       inbound: what the bot understood ({@code CASE_STATUS}, {@code ASK_FOR_PERSON}…), or null
 */
public record MessageLine(long id, String direction, Instant at, String text, String from, String agent,
                          DeliveryStatus status, String errorCode, String errorMeaning, Integer segments,
                          Instant deliveredAt, Instant readAt, String intent) {

    /**
     * @param entry     the stored message
     * @param channel   the conversation's channel
     * @param agentName the display name of the staff member who sent it, or null
     * @param lang      the viewer's language
     */
    public static MessageLine of(TranscriptEntry entry, Channel channel, String agentName, String lang) {
        if (entry.inbound()) {
            return new MessageLine(entry.id(), "inbound", entry.at(), entry.text(), "citizen", null, null, null, null,
                    null, null, null, entry.intent());
        }
        String meaning = ProviderErrors.meaning(channel, entry.errorCode(), lang);
        if (meaning == null && (entry.status() == DeliveryStatus.FAILED || entry.status() == DeliveryStatus.UNDELIVERED
                || entry.status() == DeliveryStatus.QUEUED)) {
            meaning = entry.errorMessage();
        }
        Origin origin = entry.origin();
        return new MessageLine(entry.id(), "outbound", entry.at(), entry.text(), origin.name().toLowerCase(Locale.ROOT),
                origin == Origin.AGENT ? agentName : null, entry.status(), entry.errorCode(), meaning,
                entry.segments(), entry.deliveredAt(), entry.readAt(), null);
    }

    /** @return the message key of the delivery status, e.g. {@code statusDELIVERED}, or null for inbound */
    public String statusKey() {
        return status == null ? null : "status" + status.name();
    }

    /** @return whether the delivery ended badly */
    public boolean failed() {
        return status == DeliveryStatus.FAILED || status == DeliveryStatus.UNDELIVERED;
    }
}
