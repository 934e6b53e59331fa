package gov.tawasul.staff.identity;

import gov.tawasul.engine.model.IdentityLink;

import java.time.Instant;

/**
 * An identity link as staff see it (the address is the conversation's citizen, shown by the conversation itself).
 *
 * @param id         {@code identity_link.id}
 * @param caseNumber the case the citizen may see on this channel
 * @param linkedAt   first verification (ISO-8601 UTC in JSON)
 * @param verifiedAt last verification
 * @param expiresAt  when it ends by itself
 * @param revokedAt  when it was revoked, or null
 * @param revokedBy  {@code staff:<username>} or {@code citizen}, or null
 * @param reason     why it was revoked, or null
 * @param live       whether it lets the citizen see the case now
 */
public record IdentityLinkView(long id, String caseNumber, Instant linkedAt, Instant verifiedAt, Instant expiresAt,
                               Instant revokedAt, String revokedBy, String reason, boolean live) {

    static IdentityLinkView of(IdentityLink l, Instant now) {
        return new IdentityLinkView(l.id(), l.caseNumber(), l.linkedAt(), l.verifiedAt(), l.expiresAt(),
                l.revokedAt(), l.revokedBy(), l.reason(), l.liveAt(now));
    }

    /** @return the expiry day for the console, {@code yyyy-MM-dd} (UTC) */
    public String expiresOn() {
        return expiresAt.toString().substring(0, 10);
    }
}
