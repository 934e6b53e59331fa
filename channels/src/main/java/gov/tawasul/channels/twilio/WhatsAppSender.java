package gov.tawasul.channels.twilio;

import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.model.SendResult;
import gov.tawasul.engine.port.ChannelSender;
import gov.tawasul.engine.port.SendReconciliation;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;

/**
 * Sends WhatsApp messages through {@link TwilioMessages} (the same Messages API, credentials and status callback as
 * SMS): {@code To=whatsapp:+E164}, {@code From=whatsapp:+E164} — the number the citizen wrote to, the conversation's
 * bot address — or {@code MessagingServiceSid} when {@code tawasul.whatsapp.from} is one ({@code MG…}); then
 * {@code Body} (free text inside the 24-hour window), or {@code ContentSid} + {@code ContentVariables} when the
 * {@link WhatsAppPolicy} chose an approved template (the message's send options).
 * Sources: https://www.twilio.com/docs/whatsapp/api#sending-messages,
 * https://www.twilio.com/docs/content/send-templates-created-with-the-content-template-builder.
 * <p>
 * Text up to {@link #MAX_TEXT_LENGTH} characters; no GSM-7 folding and no segments. Blocking: the engine calls
 * {@link #send} on a worker thread. While the channel is off ({@code tawasul.whatsapp.from} unset) every send is a
 * final failure {@link #CHANNEL_OFF}. Failures are classified by {@link TwilioSendErrors} (63016 "outside the
 * window" is final), never thrown.
 */
@ApplicationScoped
public class WhatsAppSender implements ChannelSender {

    private static final Logger LOG = Logger.getLogger(WhatsAppSender.class);
    /** WhatsApp's limit for one text message, in characters. */
    public static final int MAX_TEXT_LENGTH = 4096;
    /** Error code of a send while the channel is off. */
    public static final String CHANNEL_OFF = "WHATSAPP_OFF";

    private final Optional<String> sender;
    private final TwilioMessages api;
    private final boolean enabled;

    /**
     * @param config the WhatsApp sender ({@code tawasul.whatsapp.from}); unset: the channel is off
     * @param api    Twilio's Messages API
     * @param twilio the Twilio account's switch: without its credentials WhatsApp is off too
     */
    public WhatsAppSender(WhatsAppConfig config, TwilioMessages api, TwilioSwitch twilio) {
        this.sender = config.sender();
        this.api = api;
        this.enabled = config.enabled() && twilio.on();
    }

    /** @return false unless {@code tawasul.whatsapp.from} and the Twilio credentials are set ({@code CHANNEL_OFF}) */
    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public Channel channel() {
        return Channel.WHATSAPP;
    }

    @Override
    public int maxTextLength() {
        return MAX_TEXT_LENGTH;
    }

    /**
     * Sends one WhatsApp message. Blocking.
     *
     * @return accepted with the Message SID and Twilio's status, or a classified failure
     */
    @Override
    public SendResult send(OutboundMessage message) {
        if (sender.isEmpty()) {
            return SendResult.finalFailure(CHANNEL_OFF, "WhatsApp is off: tawasul.whatsapp.from is not set");
        }
        PhoneNumber to = new PhoneNumber(WhatsAppAddresses.wire(message.to().value()));
        String contentSid = message.options().get(WhatsAppPolicy.CONTENT_SID);
        String body = contentSid == null ? message.text() : null;
        MessageCreator creator = TwilioConfig.isMessagingService(sender.get())
                ? Message.creator(to, sender.get(), body)
                : Message.creator(to, new PhoneNumber(WhatsAppAddresses.wire(message.from().value())), body);
        if (contentSid != null) {
            creator.setContentSid(contentSid);
            String variables = message.options().get(WhatsAppPolicy.CONTENT_VARIABLES);
            if (variables != null) {
                creator.setContentVariables(variables);
            }
        }
        SendResult result = api.create(message.id(), creator);
        LOG.debugf("outbound %d on WhatsApp (%s): %s", message.id(), contentSid == null ? "text" : "template",
                result.outcome());
        return result;
    }

    /**
     * Asks Twilio for the messages to the recipient with this text (see {@link TwilioMessages#find}); a template
     * send cannot be matched (Twilio holds the rendered template, not our text): unknown. Blocking.
     */
    @Override
    public SendReconciliation reconcile(OutboundMessage message, Instant sendBegan) {
        if (message.options().get(WhatsAppPolicy.CONTENT_SID) != null) {
            return new SendReconciliation.Unknown("a WhatsApp template send cannot be matched by its text");
        }
        return api.find(message.id(), WhatsAppAddresses.wire(message.to().value()), message.text(), sendBegan);
    }
}
