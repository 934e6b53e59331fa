package gov.tawasul.channels.facebook;

import gov.tawasul.engine.inbox.Inbox;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * Meta's webhook for a Page's Messenger events (https://developers.facebook.com/docs/messenger-platform/webhooks).
 * <ul>
 *   <li>{@code GET /webhooks/facebook?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…}: the subscription
 *       check; answers the challenge as text/plain when the token matches, else 403 problem+json.</li>
 *   <li>{@code POST /webhooks/facebook}: the raw body is checked against {@code X-Hub-Signature-256} before any
 *       parsing (403, nothing stored, when missing or wrong); malformed JSON is 400; objects other than {@code page}
 *       are acknowledged and ignored (200). Messages, deliveries and read receipts go to the {@link Inbox} as one
 *       {@link gov.tawasul.engine.model.InboundBatch}; 200 only after all of it was committed. A failure there answers
 *       5xx, so Meta retries (duplicates are recognised by mid).</li>
 * </ul>
 * Runs on the event loop.
 */
@Path("/webhooks/facebook")
public class MessengerWebhookResource {

    private static final Logger LOG = Logger.getLogger(MessengerWebhookResource.class);

    private final MessengerConfig config;
    private final MessengerWebhookParser parser;
    private final Inbox inbox;

    private final MessengerSwitch channel;

    /** @param channel off (the Messenger settings are not set): both routes answer 404 */
    public MessengerWebhookResource(MessengerConfig config, MessengerWebhookParser parser, Inbox inbox,
                                    MessengerSwitch channel) {
        this.channel = channel;
        this.config = config;
        this.parser = parser;
        this.inbox = inbox;
    }

    /** Subscription check: 200 text/plain {@code hub.challenge}, or 403. */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
                           @QueryParam("hub.challenge") String challenge) {
        channel.requireOn();
        String expected = config.verifyToken().orElse(null);
        boolean ok = "subscribe".equals(mode) && expected != null && !expected.isEmpty() && token != null
                && challenge != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            throw new ForbiddenException("Subscription check refused: wrong hub.mode or hub.verify_token");
        }
        return Response.ok(challenge, MediaType.TEXT_PLAIN_TYPE).build();
    }

    /** Event delivery: 200 (empty) once every message and receipt is stored. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> receive(@HeaderParam(MessengerSignatureVerifier.HEADER) String signature, byte[] body) {
        channel.requireOn();
        if (!MessengerSignatureVerifier.verify(config.appSecret().orElse(null), body, signature)) {
            throw new ForbiddenException(signature == null ? "Missing X-Hub-Signature-256"
                    : "Invalid X-Hub-Signature-256");
        }
        Instant now = Instant.now();
        MessengerEvents events = parser.parse(body, now);
        if (events.ignored() > 0) {
            LOG.debugf("Messenger webhook: %d messaging item(s) of unhandled kinds ignored", events.ignored());
        }
        return inbox.accept(events.toBatch())
                .replaceWith(Response.ok().build());
    }
}
