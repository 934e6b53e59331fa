package gov.tawasul.engine.model;

import java.time.Instant;

/**
 * A verified link between a case and a sender's (channel, address): the sender proved with a one-time code sent to
 * the case's registered contact that they may see the case there. One row of {@code identity_link}.
 *
 * @param id         {@code identity_link.id}
 * @param caseNumber the case
 * @param address    the linked sender
 * @param linkedAt   first verification
 * @param verifiedAt last verification (renews the link)
 * @param expiresAt  when the link ends by itself
 * @param revokedAt  when it was revoked, or null
 * @param revokedBy  who revoked it ({@code staff:<username>}, {@code citizen}), or null
 * @param reason     why, as given (free text for staff, {@code STOP} for the citizen), or null
 */
public record IdentityLink(long id, String caseNumber, Address address, Instant linkedAt, Instant verifiedAt,
                           Instant expiresAt, Instant revokedAt, String revokedBy, String reason) {

    /** @return true when the link lets the sender see the case at {@code now} */
    public boolean liveAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
