package gov.tawasul.staff.security;

import io.quarkus.csrf.reactive.runtime.CsrfRequestResponseReactiveFilter;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * quarkus-rest-csrf's filter, as this application needs it. The extension checks every state-changing JAX-RS
 * request of the application and has no way to leave some out (quarkusio/quarkus#53715, open); the provider
 * webhooks under {@code /webhooks/} cannot carry our token (they are authenticated by their own signatures). This
 * subclass, which CDI uses in place of the extension's filter bean, runs the extension's checks unchanged where a
 * session counts — {@code /console/**} and {@code /api/staff/**} — and skips every other path (webhooks, health,
 * anything that takes no session): the token comes in the {@code X-CSRF-TOKEN} header (htmx, JSON) or the
 * {@code csrf-token} form field, equal to the {@code csrf-token} cookie; any other state-changing request — a JSON
 * body without the header included ({@code quarkus.rest-csrf.require-form-url-encoded=true}) — is refused.
 * <p>
 * The extension refuses with an empty 400; here it is {@code 403} problem+json ("forbidden: no valid CSRF token").
 */
@Alternative
@Priority(1)
@Singleton
public class StaffCsrfFilter extends CsrfRequestResponseReactiveFilter {

    @Override
    public void filter(ResteasyReactiveContainerRequestContext requestContext, RoutingContext routing) {
        if (exempt(routing)) {
            return;
        }
        super.filter(refusalsAsForbidden(requestContext, routing), routing);
    }

    @Override
    public void filter(ContainerRequestContext requestContext, ContainerResponseContext responseContext,
                       RoutingContext routing) {
        if (!exempt(routing)) {
            super.filter(requestContext, responseContext, routing);
        }
    }

    /** @return whether the request is outside the console and its API (no session there: nothing to forge) */
    static boolean exempt(RoutingContext routing) {
        String path = routing.normalizedPath();
        return !StaffPaths.isConsole(path) && !StaffPaths.isApi(path);
    }

    /** @return {@code context}, except that the extension's 400 refusal becomes a 403 problem */
    private static ResteasyReactiveContainerRequestContext refusalsAsForbidden(
            ResteasyReactiveContainerRequestContext context, RoutingContext routing) {
        return (ResteasyReactiveContainerRequestContext) Proxy.newProxyInstance(
                StaffCsrfFilter.class.getClassLoader(), new Class<?>[]{ResteasyReactiveContainerRequestContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("abortWith") && args != null && args.length == 1
                            && args[0] instanceof Response refusal && refusal.getStatus() == 400) {
                        context.abortWith(forbidden(routing));
                        return null;
                    }
                    try {
                        return method.invoke(context, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Response forbidden(RoutingContext routing) {
        String detail = "No valid CSRF token: send the csrf-token cookie's token in the X-CSRF-TOKEN header"
                + " or the csrf-token form field.";
        return Response.status(403).type(Problems.PROBLEM_JSON).entity(Problems.body(403, "Forbidden", detail))
                .build();
    }
}
