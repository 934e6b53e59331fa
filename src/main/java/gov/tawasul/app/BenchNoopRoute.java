package gov.tawasul.app;

import io.quarkus.arc.properties.IfBuildProperty;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * {@code POST /bench/noop}: reads the request body (at most 64 KiB) and answers 200 {@code application/xml} with an
 * empty TwiML document, nothing else — no signature check, no database. The benchmark (bench/run, issue 5) sends the
 * same signed webhooks here as to {@code /webhooks/twilio/sms} to measure the HTTP ceiling of the same process on
 * the same machine.
 * <p>
 * Only in a benchmark build: the bean exists when the app was <b>built</b> with the build-time property
 * {@value #BUILD_PROPERTY}{@code =true} ({@code ./mvnw package -Dtawasul.bench.noop-endpoint=true}, as bench/run
 * does); the default build leaves it out, so there the path is a 404 like any unknown path, whatever is set at run
 * time (https://quarkus.io/guides/cdi-reference, "Enabling Beans for Quarkus Build Properties"). Runs on the event
 * loop and never blocks.
 */
@ApplicationScoped
@IfBuildProperty(name = BenchNoopRoute.BUILD_PROPERTY, stringValue = "true")
public class BenchNoopRoute {

    /** The build-time property that puts the route into the build. */
    public static final String BUILD_PROPERTY = "tawasul.bench.noop-endpoint";
    /** Path of the route. */
    public static final String PATH = "/bench/noop";

    private static final Logger LOG = Logger.getLogger(BenchNoopRoute.class);
    /** Same answer as the Twilio webhook's. */
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    /** Adds {@code POST /bench/noop} to the application's router. */
    void register(@Observes Router router) {
        LOG.warnf("benchmark build (%s=true): POST %s is served", BUILD_PROPERTY, PATH);
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(64 * 1024))
                .handler(BenchNoopRoute::answer);
    }

    private static void answer(RoutingContext rc) {
        rc.response().putHeader("Content-Type", "application/xml").end(EMPTY_TWIML);
    }
}
