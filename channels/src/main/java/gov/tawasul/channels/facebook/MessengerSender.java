package gov.tawasul.channels.facebook;

import com.restfb.Body;
import com.restfb.exception.FacebookException;
import com.restfb.types.send.SendResponse;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.model.SendResult;
import gov.tawasul.engine.port.ChannelSender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends replies through the Messenger Send API with RestFB: {@code POST <graph-url>/<api-version>/me/messages}
 * with the body of {@link SendApiRequest} ({@code messaging_type} RESPONSE). Blocking; the engine calls it on a
 * worker thread. A reply outside the 24-hour window after the citizen's last message is not sent (final failure
 * "outside Messenger 24-hour window") until message tags are supported. Graph errors are classified by
 * {@link GraphErrors}. Accepted: {@code {"recipient_id":"<PSID>","message_id":"m_…"}} → the {@code message_id}.
 * https://developers.facebook.com/docs/messenger-platform/reference/send-api/
 */
@ApplicationScoped
public class MessengerSender implements ChannelSender {

    /** Messenger's standard messaging window after the citizen's last message. */
    public static final Duration WINDOW = Duration.ofHours(24);

    private final GraphClients clients;
    private final String token;
    private final SentMessageIds sent;
    private final GraphErrors errors = new GraphErrors();
    private final Clock clock;

    @Inject
    public MessengerSender(MessengerConfig config, SentMessageIds sent) {
        this(new GraphClients(config.graphUrl(), config.apiVersion(), config.pageAccessToken().orElse(null),
                config.appSecret().orElse(null), config.timeout()), config.pageAccessToken().orElse(null), sent,
                Clock.systemUTC());
    }

    MessengerSender(GraphClients clients, String token, SentMessageIds sent, Clock clock) {
        this.clients = clients;
        this.token = token;
        this.sent = sent;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.FACEBOOK;
    }

    @Override
    public int maxTextLength() {
        return SendApiRequest.MAX_TEXT;
    }

    /** Sends one reply. Blocking; never throws for a provider error. */
    @Override
    public SendResult send(OutboundMessage message) {
        if (token == null || token.isBlank()) {
            return SendResult.finalFailure(null, "tawasul.facebook.page-access-token is not configured");
        }
        Instant last = message.lastInboundAt();
        if (last != null && clock.instant().isAfter(last.plus(WINDOW))) {
            return SendResult.finalFailure(null, "outside Messenger 24-hour window (citizen last wrote at "
                    + last + "); not sent as RESPONSE");
        }
        try {
            SendResponse response = clients.create().publish("me/messages", SendResponse.class,
                    Body.withData(SendApiRequest.of(message)));
            if (response == null || response.getMessageId() == null || response.getMessageId().isBlank()) {
                return SendResult.retry(null, "Send API answered without message_id", null);
            }
            sent.add(response.getMessageId());
            return SendResult.accepted(response.getMessageId(), DeliveryStatus.SENT);
        } catch (FacebookException e) {
            return errors.classify(e);
        }
    }

    /** @return whether the operator alert for an invalid token (Graph 190) was logged (for tests) */
    boolean tokenAlerted() {
        return errors.tokenAlerted();
    }
}
