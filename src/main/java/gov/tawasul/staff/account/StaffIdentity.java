package gov.tawasul.staff.account;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

import java.util.Optional;

/**
 * The {@link SecurityIdentity} of a signed-in staff member: principal = username, roles = the member's role and
 * every role it includes ({@link StaffRole#granted()}), and the attributes below. Whoever holds an identity reads
 * the member from it with {@link #member}.
 */
public final class StaffIdentity {

    /** Attribute: the {@link StaffMember} (with its role, display name and console language). */
    public static final String MEMBER = "tawasul.staff.member";
    /** Attribute: how the member signed in, {@code form} or {@code oidc}. */
    public static final String VIA = "tawasul.staff.via";

    private StaffIdentity() {
    }

    /**
     * @param member a member allowed to sign in
     * @param via    {@code form} or {@code oidc}
     * @return the identity of {@code member}
     */
    public static SecurityIdentity of(StaffMember member, String via) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(member.username()))
                .addRoles(member.role().granted())
                .addAttribute(MEMBER, member)
                .addAttribute(VIA, via)
                .build();
    }

    /**
     * Adds the member to another mechanism's identity (single sign-on), replacing its roles with the member's.
     *
     * @param identity the identity the mechanism built
     * @param member   the member it is
     * @return the same principal and credentials, the member's roles and attributes
     */
    public static SecurityIdentity of(SecurityIdentity identity, StaffMember member, String via) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(member.username()))
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRoles(member.role().granted())
                .addAttribute(MEMBER, member)
                .addAttribute(VIA, via)
                .build();
    }

    /** @return the staff member {@code identity} is, or empty (anonymous, or not a staff identity) */
    public static Optional<StaffMember> member(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        Object member = identity.getAttribute(MEMBER);
        return member instanceof StaffMember m ? Optional.of(m) : Optional.empty();
    }
}
