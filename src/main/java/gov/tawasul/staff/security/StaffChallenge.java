package gov.tawasul.staff.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * How a request without a (valid) session is answered where the form login's redirect is wrong. It authenticates
 * nobody; it only answers challenges, before the form mechanism (higher priority), and leaves the rest to it:
 * <ul>
 *   <li>{@code /api/staff/**}: {@code 401 application/problem+json} (a JSON client cannot follow a login page);</li>
 *   <li>an htmx request ({@code HX-Request: true}) under {@code /console}: {@code 401} with
 *       {@code HX-Redirect: /console/login}, so that the whole page goes to the login instead of a fragment;</li>
 *   <li>a login refused because the username is locked: {@code 302} to {@code /console/login?error=locked}.</li>
 * </ul>
 * Any other challenge is the form mechanism's: {@code 302} to {@code /console/login} (or its error page).
 */
@ApplicationScoped
public class StaffChallenge implements HttpAuthenticationMechanism {

    /** Above the form mechanism's priority, so that this one answers the challenges it knows first. */
    static final int PRIORITY = 3000;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(StaffPaths.isApi(path(context)) ? new ChallengeData(401) : null);
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        String path = path(context);
        if (StaffPaths.isApi(path)) {
            Problems.send(context, 401, "Unauthorized", "Sign in to the staff console first.");
            return Uni.createFrom().item(true);
        }
        if (StaffPaths.isConsole(path) && "true".equals(context.request().getHeader("HX-Request"))) {
            context.response().setStatusCode(401).putHeader("HX-Redirect", StaffPaths.LOGIN).end();
            return Uni.createFrom().item(true);
        }
        if (path.equals(StaffPaths.LOGIN_POST) && context.request().method() == HttpMethod.POST
                && context.get(PasswordIdentityProvider.LOCKED) != null) {
            String lang = context.queryParams().get("lang");
            String query = "?error=locked" + (lang == null ? "" : "&lang=" + URLEncoder.encode(lang, StandardCharsets.UTF_8));
            context.response().setStatusCode(302).putHeader("Location", StaffPaths.LOGIN + query).end();
            return Uni.createFrom().item(true);
        }
        return Uni.createFrom().item(false);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    private static String path(RoutingContext context) {
        String path = context.normalizedPath();
        return path == null ? "" : path;
    }
}
