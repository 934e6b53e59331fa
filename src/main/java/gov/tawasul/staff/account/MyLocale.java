package gov.tawasul.staff.account;

import gov.tawasul.app.StrictJson;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * A staff member switches the language of their own console: {@code POST /console/me/locale} with {@code locale}
 * {@code ar} or {@code en}, as a form field (the layout's button; answered 303 back to the page it came from, or
 * for htmx 204 with {@code HX-Refresh}) or as JSON {@code {"locale":"en"}} (204). Other values: 422.
 */
@Path("/console/me/locale")
public class MyLocale {

    /** JSON body of the request. */
    public record LocaleChange(String locale) {
    }

    @Inject
    StaffDirectory directory;

    @Inject
    SecurityIdentity identity;

    /** @return 303 back to the console page of {@code Referer} (or {@code /console}); htmx: 204 + HX-Refresh */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> fromForm(@FormParam("locale") String locale, @HeaderParam("Referer") String referer,
                                  @HeaderParam("HX-Request") String htmx) {
        return directory.setOwnLocale(identity.getPrincipal().getName(), locale).map(ignored -> "true".equals(htmx)
                ? Response.noContent().header("HX-Refresh", "true").build()
                : Response.seeOther(URI.create(backTo(referer))).build());
    }

    /** @return 204 */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictJson.class)
    public Uni<Response> fromJson(LocaleChange change) {
        return directory.setOwnLocale(identity.getPrincipal().getName(), change == null ? null : change.locale())
                .map(ignored -> Response.noContent().build());
    }

    /** @return the console path of {@code referer} (same site only), else {@code /console} */
    static String backTo(String referer) {
        if (referer != null) {
            try {
                URI uri = URI.create(referer);
                String path = uri.getRawPath();
                if (path != null && (path.equals("/console") || path.startsWith("/console/"))
                        && !path.startsWith("/console/login") && !path.contains("//")) {
                    return path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                }
            } catch (IllegalArgumentException ignored) {
                // not a URI: go to the console's start
            }
        }
        return "/console";
    }
}
