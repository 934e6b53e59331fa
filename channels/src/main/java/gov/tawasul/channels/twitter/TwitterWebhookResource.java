package gov.tawasul.channels.twitter;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.model.InboundBatch;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import java.io.IOException;
import java.time.Instant;

/**
 * The X webhook ({@code <public-url>/webhooks/twitter}), registered with the V2 Webhooks API and subscribed to by the
 * Account Activity API and/or the X Activity API ({@code dm.received}, {@code dm.sent}).
 * <ul>
 *   <li>{@code GET ?crc_token=T} → 200 {@code {"response_token":"sha256=<base64 HMAC-SHA256(consumer secret, T)>"}};
 *       no token → 400 problem+json. X sends it on registration and then about hourly.</li>
 *   <li>{@code POST} with a JSON delivery signed in {@code x-twitter-webhooks-signature}: the signature is checked
 *       over the raw bytes before anything is parsed (missing or wrong → 403, nothing stored); malformed JSON → 400
 *       problem+json; a delivery for another account than {@code tawasul.twitter.user-id} ({@code for_user_id},
 *       or {@code filter.user_id} of an X Activity event) → 200, dropped; otherwise its DMs and read receipts go to
 *       the {@link Inbox} as one {@link InboundBatch}, and 200 only after all of it committed (a failure there is a
 *       5xx, so X redelivers; duplicates are recognised by event id).</li>
 * </ul>
 * Runs on the event loop. Wire formats: https://docs.x.com/x-api/account-activity/introduction,
 * https://docs.x.com/x-api/activity/event-payloads; security: https://docs.x.com/x-api/webhooks/introduction.
 */
@Path("/webhooks/twitter")
public class TwitterWebhookResource {

    private static final Logger LOG = Logger.getLogger(TwitterWebhookResource.class);

    /** The CRC answer. */
    public record CrcResponse(@JsonProperty("response_token") String responseToken) {
    }

    private final TwitterConfig config;
    private final ObjectMapper json;
    private final Inbox inbox;

    private final TwitterSwitch channel;

    /** @param channel off (the X credentials are not set): both routes answer 404 */
    public TwitterWebhookResource(TwitterConfig config, ObjectMapper json, Inbox inbox, TwitterSwitch channel) {
        this.channel = channel;
        this.config = config;
        this.json = json;
        this.inbox = inbox;
    }

    /** Challenge-response check. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<CrcResponse> crc(@RestQuery("crc_token") String crcToken) {
        channel.requireOn();
        if (crcToken == null || crcToken.isEmpty()) {
            throw new BadRequestException("crc_token is required");
        }
        String secret = config.consumerSecret().orElseThrow(
                () -> new ServiceUnavailableException("tawasul.twitter.consumer-secret is not set"));
        return Uni.createFrom().item(new CrcResponse(TwitterSignatureVerifier.crcResponseToken(secret, crcToken)));
    }

    /** One delivery: 200 (empty) once its DMs and receipts are stored. */
    @POST
    public Uni<Response> receive(@RestHeader(TwitterSignatureVerifier.HEADER) String signature, byte[] body) {
        channel.requireOn();
        String secret = config.consumerSecret().orElse(null);
        if (secret == null) {
            LOG.warn("X webhook refused: tawasul.twitter.consumer-secret is not set");
            throw new ForbiddenException("webhook signature cannot be checked");
        }
        if (body == null || !TwitterSignatureVerifier.isValid(secret, body, signature)) {
            throw new ForbiddenException(signature == null ? "missing " + TwitterSignatureVerifier.HEADER
                    : "invalid " + TwitterSignatureVerifier.HEADER);
        }
        AccountActivityPayload payload;
        try {
            payload = TwitterWebhookParser.read(json, body);
        } catch (IOException e) {
            throw new BadRequestException("malformed X webhook JSON");
        }
        String account = payload.forUserId();
        String us = config.userId().orElse(account);
        if (us == null || !us.equals(account)) {
            // another account subscribed by the same app, or no account at all: not ours to answer
            LOG.warnf("X webhook event for account %s dropped: not tawasul.twitter.user-id", account);
            return Uni.createFrom().item(Response.ok().build());
        }
        return inbox.accept(TwitterWebhookParser.map(payload, us, Instant.now()))
                .replaceWith(() -> Response.ok().build());
    }
}
