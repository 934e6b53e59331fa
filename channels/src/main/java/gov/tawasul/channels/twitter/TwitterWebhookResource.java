package gov.tawasul.channels.twitter;

import com.fasterxml.jackson.databind.ObjectMapper;
import gov.tawasul.engine.delivery.DeliveryReceipts;
import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.model.WatermarkReceipt;
import io.smallrye.mutiny.Multi;
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
import java.util.List;

/**
 * The Account Activity API webhook ({@code <public-url>/webhooks/twitter}).
 * <ul>
 *   <li>{@code GET ?crc_token=T} → 200 {@code {"response_token":"sha256=<base64 HMAC-SHA256(consumer secret, T)>"}};
 *       no token → 400 problem+json. X sends it on registration and then about hourly.</li>
 *   <li>{@code POST} with a JSON delivery signed in {@code x-twitter-webhooks-signature}: the signature is checked
 *       over the raw bytes before anything is parsed (missing or wrong → 403, nothing stored); DMs are stored
 *       through the {@link Inbox} and read receipts applied; 200 only after that committed. Malformed JSON → 400.</li>
 * </ul>
 * Wire format: https://docs.x.com/x-api/account-activity/introduction; security:
 * https://docs.x.com/x-api/webhooks/introduction.
 */
@Path("/webhooks/twitter")
public class TwitterWebhookResource {

    private static final Logger LOG = Logger.getLogger(TwitterWebhookResource.class);

    /** The CRC answer. */
    public record CrcResponse(@com.fasterxml.jackson.annotation.JsonProperty("response_token") String responseToken) {
    }

    private final TwitterConfig config;
    private final ObjectMapper json;
    private final Inbox inbox;
    private final DeliveryReceipts receipts;

    public TwitterWebhookResource(TwitterConfig config, ObjectMapper json, Inbox inbox, DeliveryReceipts receipts) {
        this.config = config;
        this.json = json;
        this.inbox = inbox;
        this.receipts = receipts;
    }

    /** Challenge-response check. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<CrcResponse> crc(@RestQuery("crc_token") String crcToken) {
        if (crcToken == null || crcToken.isEmpty()) {
            throw new BadRequestException("crc_token is required");
        }
        String secret = config.consumerSecret().orElseThrow(
                () -> new ServiceUnavailableException("tawasul.twitter.consumer-secret is not set"));
        return Uni.createFrom().item(new CrcResponse(TwitterSignatureVerifier.crcResponseToken(secret, crcToken)));
    }

    /** One Account Activity delivery. */
    @POST
    public Uni<Response> receive(@RestHeader(TwitterSignatureVerifier.HEADER) String signature, byte[] body) {
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
            payload = json.readValue(body, AccountActivityPayload.class);
        } catch (IOException e) {
            throw new BadRequestException("malformed Account Activity JSON");
        }
        if (payload == null) {
            throw new BadRequestException("empty Account Activity body");
        }
        String us = config.userId().orElse(payload.forUserId());
        if (us == null || !us.equals(payload.forUserId())) {
            LOG.warnf("Account Activity event for account %s dropped: not tawasul.twitter.user-id",
                    payload.forUserId());
            return Uni.createFrom().item(Response.ok().build());
        }
        AccountActivity activity = TwitterWebhookParser.map(payload, us, Instant.now());
        Uni<?> stored = activity.messages().isEmpty() ? Uni.createFrom().voidItem()
                : inbox.acceptAll(activity.messages());
        return stored.chain(() -> recordReads(activity.reads())).replaceWith(() -> Response.ok().build());
    }

    private Uni<Void> recordReads(List<WatermarkReceipt> reads) {
        if (reads.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(reads)
                .onItem().transformToUniAndConcatenate(receipts::record)
                .collect().last().replaceWithVoid();
    }
}
