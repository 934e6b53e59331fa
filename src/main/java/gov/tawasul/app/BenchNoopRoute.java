package gov.tawasul.app;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code POST /bench/noop}: reads the request body and answers 200 with an empty TwiML document, nothing else — no
 * signature check, no database. The benchmark (bench/run, issue 5) sends the same signed webhooks here as to
 * {@code /webhooks/twilio/sms} to measure the HTTP ceiling of the same process on the same machine.
 * <p>
 * The route exists only when {@code tawasul.bench.noop-endpoint=true} (a runtime setting, default {@code false});
 * otherwise the path is a 404 like any unknown path. Runs on the event loop and never blocks.
 */
@ApplicationScoped
public class BenchNoopRoute {

    private static final Logger LOG = Logger.getLogger(BenchNoopRoute.class);
    /** Same answer as the Twilio webhook's. */
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private final boolean enabled;

    public BenchNoopRoute(@ConfigProperty(name = "tawasul.bench.noop-endpoint", defaultValue = "false") boolean enabled) {
        this.enabled = enabled;
    }

    void register(@Observes Router router) {
        if (!enabled) {
            return;
        }
        LOG.warn("tawasul.bench.noop-endpoint=true: POST /bench/noop is enabled (benchmarks only)");
        router.post("/bench/noop").handler(BodyHandler.create(false).setBodyLimit(64 * 1024))
                .handler(BenchNoopRoute::answer);
    }

    private static void answer(RoutingContext rc) {
        rc.response().putHeader("Content-Type", "application/xml").end(EMPTY_TWIML);
    }
}
