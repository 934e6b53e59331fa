package gov.tawasul.staff.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.http.Cookie;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
 * <p>
 * Quarkus sends the challenge of the mechanism that tried to authenticate the request when there is one (the form
 * mechanism, for a session cookie or a login post); the staff identity providers therefore hand the challenge of
 * their refusals to this mechanism ({@link #answerFor}), which then answers them as the form mechanism would (a
 * refused login: {@code 302 /console/login?error=failed}; a refused session: {@code 302 /console/login}), unless
 * a case above applies. A session refused because its account was disabled or deleted also loses its cookie.
 */
@ApplicationScoped
public class StaffChallenge implements HttpAuthenticationMechanism {

    /** Above the form mechanism's priority, so that this one answers the challenges it knows first. */
    static final int PRIORITY = 3000;
    /** RoutingContext key: the session cookie named an account that may no longer sign in. */
    static final String STALE_SESSION = "tawasul.staff.stale-session";

    private final String sessionCookie;

    StaffChallenge(@ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String sessionCookie) {
        this.sessionCookie = sessionCookie;
    }

    /**
     * Makes this mechanism answer the challenge of {@code context} (called by an identity provider that refuses
     * it, after the form mechanism claimed the request).
     */
    void answerFor(RoutingContext context) {
        context.put(HttpAuthenticationMechanism.class.getName(), this);
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(challenge(context));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        ChallengeData challenge = challenge(context);
        if (challenge == null) {
            return Uni.createFrom().item(false);
        }
        if (context.get(STALE_SESSION) != null) {
            context.response().addCookie(Cookie.cookie(sessionCookie, "").setPath("/").setMaxAge(0));
        }
        if (StaffPaths.isApi(path(context))) {
            Problems.send(context, 401, "Unauthorized", "Sign in to the staff console first.");
        } else {
            context.response().setStatusCode(challenge.status);
            challenge.getHeaders().forEach((name, value) -> context.response().putHeader(name, value));
            context.response().end();
        }
        return Uni.createFrom().item(true);
    }

    /** @return the challenge this mechanism answers {@code context} with, or null when it leaves it to others */
    private ChallengeData challenge(RoutingContext context) {
        String path = path(context);
        if (StaffPaths.isApi(path)) {
            return new ChallengeData(401);
        }
        if (StaffPaths.isConsole(path) && "true".equals(context.request().getHeader("HX-Request"))) {
            return new ChallengeData(401, "HX-Redirect", StaffPaths.LOGIN);
        }
        if (path.equals(StaffPaths.LOGIN_POST) && context.request().method() == HttpMethod.POST) {
            // a refused login, as the form mechanism's error page answers it, or locked
            String error = context.get(PasswordIdentityProvider.LOCKED) != null ? "locked" : "failed";
            String lang = context.queryParams().get("lang");
            return new ChallengeData(302, "Location", StaffPaths.LOGIN + "?error=" + error
                    + (lang == null ? "" : "&lang=" + URLEncoder.encode(lang, StandardCharsets.UTF_8)));
        }
        if (context.get(HttpAuthenticationMechanism.class.getName()) == this) {
            // a session we refused: to the login page, as the form mechanism would
            return new ChallengeData(302, "Location", StaffPaths.LOGIN);
        }
        return null;
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
