package gov.tawasul.app;

import gov.tawasul.engine.store.DatabaseOutage;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The problem+json answer of a 5xx that fails outside Quarkus REST (its exception mappers are
 * {@link ProblemExceptionMappers}): the HTTP security layer loading a staff member's identity while PostgreSQL is
 * away, a Vert.x route. Without it Quarkus's default error page answers {@code {"details":"Error id …","stack":…}}
 * (a stack trace outside prod). Registered first among the failure handlers of the main router
 * (https://vertx.io/docs/vertx-web/java/#_error_handling); a failure of the security layer itself (authentication
 * failed, forbidden: a redirect to the login page or a 401/403 challenge) and any status below 500 are left to the
 * handlers after it.
 */
@ApplicationScoped
public class ProblemFailureHandler {

    private static final Logger LOG = Logger.getLogger(ProblemFailureHandler.class);

    private final DatabaseOutage outage;

    ProblemFailureHandler(DatabaseOutage outage) {
        this.outage = outage;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int code = ctx.statusCode();
        boolean security = failure != null && failure.getClass().getName().startsWith("io.quarkus.security.");
        boolean serverError = failure != null ? code < 0 || code >= 500 : code >= 500;
        if (security || !serverError || ctx.response().headWritten() || ctx.response().ended()) {
            ctx.next();
            return;
        }
        int status;
        String title;
        String detail;
        if (failure != null && outage.absorbed(failure)) {
            status = 503;
            title = "Service Unavailable";
            detail = ProblemExceptionMappers.UNAVAILABLE_DETAIL;
            ctx.response().putHeader("Retry-After", ProblemExceptionMappers.RETRY_AFTER_SECONDS);
        } else {
            LOG.errorf(failure, "request %s %s failed", ctx.request().method(), ctx.request().path());
            status = code >= 500 ? code : 500;
            title = "Internal error";
            detail = ProblemExceptionMappers.INTERNAL_DETAIL;
        }
        JsonObject body = new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail);
        ctx.response().setStatusCode(status).putHeader("Content-Type", ProblemExceptionMappers.PROBLEM_JSON)
                .end(body.encode());
    }
}
