package gov.tawasul.channels.twilio;

import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.model.SendResult;
import gov.tawasul.engine.port.ChannelSender;
import gov.tawasul.engine.port.SendReconciliation;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Sends SMS replies through {@link TwilioMessages}: {@code POST {api-url}/2010-04-01/Accounts/{AccountSid}/Messages.json}
 * with {@code To}, {@code From} (or {@code MessagingServiceSid} when {@code tawasul.twilio.from} starts with
 * {@code MG}), {@code Body} and {@code StatusCallback} = {@code tawasul.public-url + /webhooks/twilio/status}
 * (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource).
 * <p>
 * Blocking: the engine calls {@link #send} on a worker thread. Failures are classified by {@link TwilioSendErrors},
 * never thrown. Each accepted reply's segment count ({@link SmsSegments}) is recorded in the distribution summary
 * {@code tawasul.sms.segments} (tag {@code encoding} = {@code GSM7}/{@code UCS2}).
 */
@ApplicationScoped
public class TwilioSender implements ChannelSender {

    private static final Logger LOG = Logger.getLogger(TwilioSender.class);
    /** Twilio's limit for one message body, in characters. */
    public static final int MAX_TEXT_LENGTH = 1600;
    /** Path of the status callback webhook. */
    public static final String STATUS_PATH = TwilioMessages.STATUS_PATH;

    private final TwilioConfig config;
    private final TwilioMessages api;
    private final MeterRegistry metrics;
    private final boolean enabled;

    /**
     * @param config  the sender ({@code tawasul.twilio.from})
     * @param api     Twilio's Messages API
     * @param metrics registry of the {@code tawasul.sms.segments} summary
     */
    public TwilioSender(TwilioConfig config, TwilioMessages api, MeterRegistry metrics) {
        this.config = config;
        this.api = api;
        this.metrics = metrics;
        this.enabled = TwilioSwitch.status(config.accountSid(), config.authToken()).on();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    /** @return false when the Account SID or Auth Token is not set: the outbox sends nothing ({@code CHANNEL_OFF}) */
    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public int maxTextLength() {
        return MAX_TEXT_LENGTH;
    }

    /**
     * Sends one SMS. Blocking.
     *
     * @return accepted with the Message SID and the status Twilio gave ({@code queued}, {@code accepted} → QUEUED,
     *         {@code sent} → SENT), or a classified failure
     */
    @Override
    public SendResult send(OutboundMessage message) {
        String from = config.from().map(String::strip).filter(s -> !s.isEmpty()).orElse(message.from().value());
        PhoneNumber to = new PhoneNumber(message.to().value());
        MessageCreator creator = TwilioConfig.isMessagingService(from)
                ? Message.creator(to, from, message.text())
                : Message.creator(to, new PhoneNumber(from), message.text());
        SendResult result = api.create(message.id(), creator);
        if (result.outcome() == SendResult.Outcome.ACCEPTED) {
            SmsSegments.Count segments = SmsSegments.count(message.text());
            DistributionSummary.builder("tawasul.sms.segments").description("SMS segments per sent reply")
                    .tag("encoding", segments.encoding().name()).register(metrics).record(segments.segments());
            LOG.debugf("outbound %d sent as %s (%s, %d segment(s))", message.id(), result.providerMessageId(),
                    segments.encoding(), segments.segments());
        }
        return result;
    }

    /** Asks Twilio for the messages to the recipient with this text (see {@link TwilioMessages#find}). Blocking. */
    @Override
    public SendReconciliation reconcile(OutboundMessage message, Instant sendBegan) {
        return api.find(message.id(), message.to().value(), message.text(), sendBegan);
    }
}
