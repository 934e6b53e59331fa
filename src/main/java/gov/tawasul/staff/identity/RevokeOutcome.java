package gov.tawasul.staff.identity;

/** What a staff member's revocation of an identity link came to ({@link IdentityLinkDesk#revoke}). */
public sealed interface RevokeOutcome {

    /** Revoked now (and audited). */
    record Revoked(IdentityLinkView link) implements RevokeOutcome {
    }

    /** No such conversation, or the link is not one of its citizen's. */
    record NotFound() implements RevokeOutcome {
    }

    /** The link was revoked already, or expired. */
    record NotLive() implements RevokeOutcome {
    }

    /** The reason is empty or longer than 200 characters. */
    record BadReason() implements RevokeOutcome {
    }
}
