package gov.tawasul.staff.security;

import gov.tawasul.staff.account.StaffAccount;
import gov.tawasul.staff.account.StaffIdentity;
import gov.tawasul.staff.account.StaffMember;
import gov.tawasul.staff.account.StaffRole;
import gov.tawasul.staff.account.StaffUsers;
import gov.tawasul.staff.account.Usernames;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes a staff identity of a single sign-on identity (the ID token of the agency's provider): the username from
 * {@code tawasul.staff.oidc.username-claim}, the role from {@code tawasul.staff.oidc.role-claim} (the provider
 * decides the role; the account row is brought in line at sign-in, {@link SsoLogin}), display name and language
 * from the account when there is one. A disabled account is refused. Identities of the form login are left as they
 * are (they carry their member already); an identity whose claim names no staff role gets no staff role (403).
 */
@ApplicationScoped
public class SsoIdentityAugmentor implements SecurityIdentityAugmentor {

    private final StaffUsers users;
    private final SsoConfig config;

    SsoIdentityAugmentor(StaffUsers users, SsoConfig config) {
        this.users = users;
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || StaffIdentity.member(identity).isPresent()
                || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Optional<Claims> claims = claims(token, config);
        if (claims.isEmpty()) {
            return Uni.createFrom().item(identity);
        }
        Claims c = claims.get();
        return users.find(c.username()).map(account -> {
            if (account.isPresent() && !account.get().member().enabled()) {
                throw new AuthenticationFailedException("staff account " + c.username() + " is disabled");
            }
            StaffMember member = account.map(StaffAccount::member)
                    .map(m -> new StaffMember(m.id(), m.username(), m.displayName(), c.role(), true, m.locale()))
                    .orElse(new StaffMember(0, c.username(), c.displayName(), c.role(), true, "ar"));
            return StaffIdentity.of(identity, member, "oidc");
        });
    }

    /**
     * What the ID token says about the staff member.
     *
     * @param username    normalized username
     * @param displayName display name
     * @param role        highest staff role named by the role claim
     */
    record Claims(String username, String displayName, StaffRole role) {
    }

    /** @return the staff claims of {@code token}, or empty when it names no valid username or no staff role */
    static Optional<Claims> claims(JsonWebToken token, SsoConfig config) {
        Object name = token.getClaim(config.usernameClaim());
        String username = Usernames.normalize(name == null ? null : text(name));
        if (!Usernames.isValid(username)) {
            return Optional.empty();
        }
        Optional<StaffRole> role = StaffRole.highestOf(values(claim(token, config.roleClaim())));
        if (role.isEmpty()) {
            return Optional.empty();
        }
        Object display = token.getClaim(config.displayNameClaim());
        String displayName = display == null || text(display).isBlank() ? username : text(display).strip();
        return Optional.of(new Claims(username, displayName.length() > 128 ? displayName.substring(0, 128)
                : displayName, role.get()));
    }

    private static Object claim(JsonWebToken token, String path) {
        String[] parts = path.split("/");
        Object value = token.getClaim(parts[0]);
        for (int i = 1; i < parts.length && value != null; i++) {
            value = value instanceof JsonObject object ? object.get(parts[i]) : null;
        }
        return value;
    }

    private static List<String> values(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue v : array) {
                values.add(text(v));
            }
        } else if (claim instanceof Iterable<?> items) {
            items.forEach(v -> values.add(text(v)));
        } else if (claim != null) {
            values.add(text(claim));
        }
        return values;
    }

    private static String text(Object value) {
        return value instanceof JsonString s ? s.getString() : String.valueOf(value);
    }
}
