package gov.tawasul.staff.security;

import gov.tawasul.staff.account.StaffIdentity;
import gov.tawasul.staff.audit.AuditAction;
import gov.tawasul.staff.audit.AuditLog;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * The login page ({@code GET /console/login}, Arabic by default, {@code ?lang=en} for English; open to everyone)
 * and the logout ({@code POST /console/logout}, CSRF-protected like every console form). The login form posts to
 * Quarkus' {@code /j_security_check}; a refusal comes back here with {@code ?error=failed} or {@code ?error=locked}.
 */
@Path("/console")
public class LoginPage {

    @Inject
    @Location("console/login.html")
    Template login;

    @Inject
    LoginThrottle throttle;

    @Inject
    AuditLog audit;

    @Inject
    SecurityIdentity identity;

    @Inject
    RoutingContext routing;

    @Inject
    Instance<OidcSession> oidcSession;

    @ConfigProperty(name = "tawasul.staff.oidc.enabled")
    boolean sso;

    /**
     * @param lang  {@code ar} (default) or {@code en}
     * @param error {@code failed}, {@code locked} or {@code sso} after a refused sign-in
     * @param out   present after a logout
     * @return the login page
     */
    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@QueryParam("lang") String lang, @QueryParam("error") String error,
                                 @QueryParam("out") String out) {
        String language = "en".equalsIgnoreCase(lang) ? "en" : "ar";
        String shown = error == null ? null : switch (error) {
            case "failed", "locked", "sso" -> error;
            default -> null;
        };
        LoginView view = new LoginView(language, shown, Math.max(1, throttle.lockDuration().toMinutes()), sso,
                out != null && shown == null);
        return login.data("view", view).setLocale(Locale.forLanguageTag(language));
    }

    /**
     * Ends the session (the cookie is cleared; the account stays as it is) and records {@code LOGOUT}.
     *
     * @return 303 to the login page; for htmx 204 with {@code HX-Redirect}
     */
    @POST
    @Path("logout")
    public Uni<Response> logout(@jakarta.ws.rs.HeaderParam("HX-Request") String htmx) {
        String username = identity.getPrincipal().getName();
        String via = StaffIdentity.member(identity).isPresent()
                ? String.valueOf(identity.<Object>getAttribute(StaffIdentity.VIA)) : "unknown";
        String lang = StaffIdentity.member(identity).map(m -> m.locale()).orElse("ar");
        Uni<Void> ended;
        if ("oidc".equals(via)) {
            ended = oidcSession.get().logout();   // clears the session cookie of the single sign-on
        } else {
            FormAuthenticationMechanism.logout(routing);
            ended = Uni.createFrom().voidItem();
        }
        String target = StaffPaths.LOGIN + "?out=1&lang=" + lang;
        return ended.flatMap(ignored -> audit.record(username, AuditAction.LOGOUT, "staff_user", username,
                        Map.of("via", via)))
                .replaceWith(() -> "true".equals(htmx)
                        ? Response.noContent().header("HX-Redirect", target).build()
                        : Response.seeOther(URI.create(target)).header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }
}
