package gov.tawasul.staff.security;

import gov.tawasul.engine.PublicUrl;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.ServerCookie;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * HTTP details of the staff console that Quarkus' settings do not express:
 * <ul>
 *   <li>a request denied by a role check ({@code quarkus.http.auth.permission.*}) is answered
 *       {@code 403 application/problem+json} under {@code /api/staff}, a short HTML page under {@code /console};
 *       a session refused on the way there is answered by {@link StaffChallenge} (401 problem+json, or the login
 *       page);</li>
 *   <li>when {@code tawasul.public-url} is https, every cookie a response sets (session, login-return, CSRF,
 *       single sign-on) is {@code Secure}, even though the TLS ends at a proxy in front of us (Quarkus marks them
 *       Secure only on a TLS connection);</li>
 *   <li>console and API responses may not be framed by other sites, are not cached, and are not sniffed.</li>
 * </ul>
 */
@ApplicationScoped
public class StaffHttp {

    private final boolean secureCookies;
    private final StaffChallenge challenge;

    StaffHttp(PublicUrl publicUrl, StaffChallenge challenge) {
        this.secureCookies = publicUrl.base().toLowerCase(java.util.Locale.ROOT).startsWith("https://");
        this.challenge = challenge;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::headers);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
    }

    /** @return whether this deployment marks its console cookies Secure */
    public boolean secureCookies() {
        return secureCookies;
    }

    private void headers(RoutingContext routing) {
        String path = routing.normalizedPath();
        boolean staff = StaffPaths.isApi(path) || StaffPaths.isConsole(path) || StaffPaths.LOGIN_POST.equals(path);
        if (staff || secureCookies) {
            routing.addHeadersEndHandler(ignored -> {
                HttpServerResponse response = routing.response();
                if (secureCookies) {
                    for (Cookie cookie : routing.request().cookies()) {
                        if (cookie instanceof ServerCookie server && server.isChanged()) {
                            cookie.setSecure(true);   // set by this response (session, return-to, CSRF, SSO)
                        }
                    }
                }
                if (staff) {
                    response.putHeader("X-Frame-Options", "DENY");
                    response.putHeader("Content-Security-Policy", "frame-ancestors 'none'");
                    response.putHeader("X-Content-Type-Options", "nosniff");
                    response.putHeader("Referrer-Policy", "same-origin");
                    if (!path.startsWith(StaffPaths.CONSOLE + "/assets/") && !response.headers().contains("Cache-Control")) {
                        response.putHeader("Cache-Control", "no-store");
                    }
                }
            });
        }
        routing.next();
    }

    private void failed(RoutingContext routing) {
        String path = routing.normalizedPath();
        boolean staff = StaffPaths.isApi(path) || StaffPaths.isConsole(path);
        if (routing.failure() instanceof AuthenticationFailedException && staff && !routing.response().ended()) {
            // a session cookie whose account may no longer sign in: answered as any request without a session
            challenge.sendChallenge(routing).subscribe().with(done -> {
                if (!done) {
                    routing.next();
                }
            }, e -> routing.next());
            return;
        }
        if (routing.failure() instanceof ForbiddenException && !routing.response().ended()) {
            if (StaffPaths.isApi(path)) {
                Problems.send(routing, 403, "Forbidden", "Your role does not allow this.");
                return;
            }
            if (StaffPaths.isConsole(path)) {
                Problems.sendPage(routing, 403, "ليست لديك صلاحية فتح هذه الصفحة.",
                        "Your role does not allow this page.");
                return;
            }
        }
        routing.next();
    }
}
