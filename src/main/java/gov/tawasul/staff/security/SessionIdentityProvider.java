package gov.tawasul.staff.security;

import gov.tawasul.staff.account.StaffIdentity;
import gov.tawasul.staff.account.StaffUsers;
import gov.tawasul.staff.account.Usernames;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.vertx.ext.web.RoutingContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns the username of a valid session cookie (Quarkus form authentication decrypted it) back into an identity,
 * reading the account on every request: a disabled or deleted account ends its sessions at once, and a new role
 * or language applies from the next request.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final StaffUsers users;
    private final StaffChallenge challenge;

    SessionIdentityProvider(StaffUsers users, StaffChallenge challenge) {
        this.users = users;
        this.challenge = challenge;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        return users.find(Usernames.normalize(request.getPrincipal())).flatMap(account -> {
            if (account.isEmpty() || !account.get().member().enabled()) {
                RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
                if (routing != null) {
                    routing.put(StaffChallenge.STALE_SESSION, true);
                    challenge.answerFor(routing);
                }
                return Uni.createFrom().failure(new AuthenticationFailedException());
            }
            return Uni.createFrom().item(StaffIdentity.of(account.get().member(), "form"));
        });
    }
}
