package gov.tawasul.staff.security;

import gov.tawasul.staff.account.StaffIdentity;
import gov.tawasul.staff.account.StaffMember;
import gov.tawasul.staff.account.StaffUsers;
import gov.tawasul.staff.audit.AuditAction;
import gov.tawasul.staff.audit.AuditLog;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /console/login/sso}: where single sign-on starts and ends. Without a session Quarkus' OIDC
 * mechanism ({@code auth-mechanism=code} on this path only) sends the browser to the agency's provider and back
 * here; with the provider's session, the account row is created or brought in line with the ID token (role, display
 * name; created without a password), {@code LOGIN} (via {@code oidc}) is recorded, and the browser goes to the
 * console. A token that names no staff role, or a disabled account: back to the login page with
 * {@code ?error=sso}. Off ({@code tawasul.staff.oidc.enabled=false}): 404.
 */
@Path("/console/login/sso")
public class SsoLogin {

    @Inject
    SsoConfig config;

    @Inject
    SecurityIdentity identity;

    @Inject
    StaffUsers users;

    @Inject
    AuditLog audit;

    /** @return 303 to the console, or to the login page with {@code ?error=sso} */
    @GET
    public Uni<Response> signIn() {
        if (!config.enabled()) {
            throw new NotFoundException("Single sign-on is not enabled.");
        }
        StaffMember claimed = StaffIdentity.member(identity).orElse(null);
        if (claimed == null || !"oidc".equals(identity.getAttribute(StaffIdentity.VIA))) {
            String who = identity.getPrincipal() == null ? "unknown" : identity.getPrincipal().getName();
            return audit.record(who, AuditAction.LOGIN_FAILED, "staff_user", who,
                            Map.of("via", "oidc", "reason", "no-staff-role"))
                    .replaceWith(() -> Response.seeOther(URI.create(StaffPaths.LOGIN + "?error=sso")).build());
        }
        return users.find(claimed.username()).flatMap(existing -> {
            if (existing.isEmpty()) {
                return users.insert(claimed.username(), claimed.displayName(), claimed.role(), null, "ar")
                        .flatMap(created -> audit.record(AuditLog.SYSTEM, AuditAction.USER_CREATED, "staff_user",
                                claimed.username(), Map.of("role", claimed.role().name(), "via", "oidc")));
            }
            StaffMember stored = existing.get().member();
            if (stored.role() == claimed.role()) {
                return Uni.createFrom().voidItem();
            }
            return users.change(claimed.username(), null, claimed.role(), null, null, null).flatMap(change -> {
                if (change.isEmpty() || !change.get().allowed()) {
                    return Uni.createFrom().voidItem();   // the last admin keeps the role: the next sign-in retries
                }
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("role", Map.of("from", stored.role().name(), "to", claimed.role().name()));
                detail.put("via", "oidc");
                return audit.record(AuditLog.SYSTEM, AuditAction.USER_CHANGED, "staff_user", claimed.username(),
                        detail);
            });
        }).flatMap(ignored -> audit.record(claimed.username(), AuditAction.LOGIN, "staff_user", claimed.username(),
                Map.of("via", "oidc", "role", claimed.role().name())))
                .replaceWith(() -> Response.seeOther(URI.create(StaffPaths.LANDING)).build());
    }
}
