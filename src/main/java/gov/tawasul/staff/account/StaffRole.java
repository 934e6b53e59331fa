package gov.tawasul.staff.account;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A staff member's role, stored by name in {@code staff_user.role}. Each role includes the rights of the ones
 * below it: ADMIN ⇒ SUPERVISOR ⇒ AGENT. A signed-in member's {@code SecurityIdentity} holds the role and every
 * role it includes ({@link #granted()}), so that {@code @RolesAllowed("AGENT")} and
 * {@code identity.hasRole("SUPERVISOR")} need no knowledge of the order.
 */
public enum StaffRole {
    /** Watches conversations, takes them over, replies, hands back, closes. */
    AGENT,
    /** An agent who also sees citizens' full addresses, reassigns, manages canned replies and reads the audit log. */
    SUPERVISOR,
    /** A supervisor who also manages staff accounts. */
    ADMIN;

    /** @return the security role names this role grants: itself and every role below it */
    public Set<String> granted() {
        Set<String> names = new LinkedHashSet<>();
        for (StaffRole role : values()) {
            if (role.ordinal() <= ordinal()) {
                names.add(role.name());
            }
        }
        return names;
    }

    /** @return whether this role has the rights of {@code other} */
    public boolean includes(StaffRole other) {
        return ordinal() >= other.ordinal();
    }

    /** @return the role of that name, case-insensitive and trimmed, or empty */
    public static Optional<StaffRole> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @return the highest role among {@code names} (unknown names are ignored), or empty when none is a role */
    public static Optional<StaffRole> highestOf(Collection<String> names) {
        StaffRole highest = null;
        for (String name : names) {
            StaffRole role = parse(name).orElse(null);
            if (role != null && (highest == null || role.includes(highest))) {
                highest = role;
            }
        }
        return Optional.ofNullable(highest);
    }
}
