package gov.tawasul.channels.twilio;

import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.model.InboundBatch;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import gov.tawasul.engine.PublicUrl;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Twilio's webhooks for SMS (form-encoded POSTs, signed with {@code X-Twilio-Signature}; see
 * https://www.twilio.com/docs/messaging/guides/webhook-request and
 * https://www.twilio.com/docs/messaging/guides/track-outbound-message-status).
 * <ul>
 *   <li>{@code POST /webhooks/twilio/sms} (alias {@code /webhooks/twilio/messages}, the path the shared fixtures
 *       were signed for): an inbound message. 403 when the signature is missing or wrong (nothing stored),
 *       400 when {@code MessageSid}/{@code From}/{@code To} is missing; else stored through {@link Inbox#accept}
 *       and answered 200 with an empty TwiML {@code <Response/>} once committed (also for a duplicate).</li>
 *   <li>{@code POST /webhooks/twilio/status}: a status callback, signed the same way (its URL includes the query
 *       string). 204 once recorded through the {@link Inbox}; 400 for an unknown status. Error
 *       21610 (the recipient replied STOP) also opts the pair out (field case F09).</li>
 * </ul>
 * When the channel is off (no Account SID and Auth Token: {@link TwilioSwitch}) every webhook answers 404.
 * The signed URL is {@code tawasul.public-url} + the request path + the raw query string, never the Host header.
 * WhatsApp messages and statuses ({@code whatsapp:+…} addresses) reach the same URLs when a WhatsApp sender points
 * here (https://www.twilio.com/docs/whatsapp/api#configuring-inbound-message-webhooks), signed the same way: stored
 * and answered as {@code Channel.WHATSAPP} while the channel is on ({@code tawasul.whatsapp.from} set), else verified,
 * acknowledged and not stored.
 * Methods run on the event loop and never block.
 */
@Path("/webhooks/twilio")
public class TwilioWebhookResource {

    private static final Logger LOG = Logger.getLogger(TwilioWebhookResource.class);
    /** Header carrying Twilio's signature. */
    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    /** The empty TwiML answer: Twilio sends nothing back by itself. */
    public static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private final Inbox inbox;
    private final TwilioSignatureVerifier verifier;
    private final PublicUrl publicUrl;
    private final boolean whatsApp;
    private final TwilioSwitch channel;

    /**
     * @param publicUrl {@code tawasul.public-url}: the scheme + host [+ port] Twilio calls, base of the signed URL
     * @param whatsApp  whether the WhatsApp channel is on
     * @param channel   off (no credentials): every webhook answers 404
     */
    public TwilioWebhookResource(Inbox inbox, TwilioConfig config, PublicUrl publicUrl, WhatsAppConfig whatsApp,
                                 TwilioSwitch channel) {
        this.inbox = inbox;
        this.verifier = new TwilioSignatureVerifier(config.authToken().orElse("unset"));
        this.publicUrl = publicUrl;
        this.whatsApp = whatsApp.enabled();
        this.channel = channel;
    }

    /** Inbound SMS/MMS, or WhatsApp message. */
    @POST
    @Path("sms")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> inbound(byte[] body, @HeaderParam(SIGNATURE_HEADER) String signature,
                                 @Context HttpServerRequest request) {
        FormParams params = verified(body, signature, request);
        if (!whatsApp && TwilioWebhookParser.isWhatsApp(params)) {
            LOG.infof("WhatsApp message %s acknowledged, not handled (WhatsApp is off: tawasul.whatsapp.from not set)",
                    params.first("MessageSid"));
            return Uni.createFrom().item(twiml());
        }
        return inbox.accept(InboundBatch.of(TwilioWebhookParser.toInbound(params, Instant.now()))).map(results -> {
            LOG.debugf("Twilio inbound %s: %s", params.first("MessageSid"), results.get(0).outcome());
            return twiml();
        });
    }

    /** Alias of {@link #inbound} for numbers whose webhook was configured as {@code /webhooks/twilio/messages}. */
    @POST
    @Path("messages")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> inboundAlias(byte[] body, @HeaderParam(SIGNATURE_HEADER) String signature,
                                      @Context HttpServerRequest request) {
        return inbound(body, signature, request);
    }

    /** Status callback of an outbound message. */
    @POST
    @Path("status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> status(byte[] body, @HeaderParam(SIGNATURE_HEADER) String signature,
                                @Context HttpServerRequest request) {
        FormParams params = verified(body, signature, request);
        if (!whatsApp && TwilioWebhookParser.isWhatsApp(params)) {
            LOG.infof("WhatsApp status %s acknowledged, not recorded (WhatsApp is off: tawasul.whatsapp.from not set)",
                    params.first("MessageSid"));
            return Uni.createFrom().item(Response.noContent().build());
        }
        return inbox.accept(TwilioWebhookParser.toStatusBatch(params, Instant.now()))
                .map(ignored -> Response.noContent().build());
    }

    private FormParams verified(byte[] body, String signature, HttpServerRequest request) {
        channel.requireOn();
        FormParams params = FormParams.parse(body);
        String url = publicUrl.resolve(request.path(), request.query());
        if (!verifier.isValid(url, params, signature)) {
            LOG.warnf("Twilio webhook %s rejected: %s X-Twilio-Signature", request.path(),
                    signature == null ? "missing" : "wrong");
            throw new ForbiddenException("Missing or invalid X-Twilio-Signature for " + url);
        }
        return params;
    }

    private static Response twiml() {
        return Response.ok(EMPTY_TWIML, MediaType.TEXT_XML_TYPE).build();
    }
}
