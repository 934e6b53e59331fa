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

import java.util.Map;

/**
 * Sends messages through the Messenger Send API with RestFB: {@code POST <graph-url>/<api-version>/me/messages}
 * with the body of {@link SendApiRequest}, whose {@code messaging_type} and {@code tag} are the message's send
 * options (RESPONSE when it has none). Whether a message may be sent at all (the 24-hour standard messaging window,
 * the 7-day {@code HUMAN_AGENT} window) is {@link MessengerPolicy}'s decision, taken before the message was queued;
 * this class does not check it again. Blocking; the engine calls it on a worker thread. Graph errors are classified
 * by {@link GraphErrors} (Meta's own window refusal, 10/2018278, is final). Accepted:
 * {@code {"recipient_id":"<PSID>","message_id":"m_…"}} → the {@code message_id}.
 * https://developers.facebook.com/docs/messenger-platform/reference/send-api/
 */
@ApplicationScoped
public class MessengerSender implements ChannelSender {

    private final GraphClients clients;
    private final String token;
    private final boolean enabled;
    private final GraphErrors errors = new GraphErrors();

    @Inject
    public MessengerSender(MessengerConfig config) {
        this(new GraphClients(config.graphUrl(), config.apiVersion(), config.pageAccessToken().orElse(null),
                config.appSecret().orElse(null), config.timeout()), config.pageAccessToken().orElse(null),
                MessengerSwitch.status(config.appSecret(), config.verifyToken(), config.pageAccessToken()).on());
    }

    MessengerSender(GraphClients clients, String token) {
        this(clients, token, true);
    }

    private MessengerSender(GraphClients clients, String token, boolean enabled) {
        this.clients = clients;
        this.token = token;
        this.enabled = enabled;
    }

    /** @return false when the Messenger settings are not set ({@link MessengerSwitch}): nothing is sent */
    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public Channel channel() {
        return Channel.FACEBOOK;
    }

    @Override
    public int maxTextLength() {
        return SendApiRequest.MAX_TEXT;
    }

    /**
     * Sends one message. Blocking; never throws for a provider error.
     *
     * @return accepted with the {@code message_id} (status SENT), a classified Graph failure, or a final failure
     *         without a call when the token is missing or the send options are not a valid combination
     */
    @Override
    public SendResult send(OutboundMessage message) {
        if (token == null || token.isBlank()) {
            return SendResult.finalFailure(null, "tawasul.facebook.page-access-token is not configured");
        }
        Map<String, Object> body;
        try {
            body = SendApiRequest.of(message);
        } catch (IllegalArgumentException e) {
            return SendResult.finalFailure(null, "not sent: " + e.getMessage());
        }
        try {
            SendResponse response = clients.create().publish("me/messages", SendResponse.class,
                    Body.withData(body));
            if (response == null || response.getMessageId() == null || response.getMessageId().isBlank()) {
                return SendResult.retry(null, "Send API answered without message_id", null);
            }
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
