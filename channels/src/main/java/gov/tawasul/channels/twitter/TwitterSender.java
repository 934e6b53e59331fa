package gov.tawasul.channels.twitter;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.model.QuickReply;
import gov.tawasul.engine.model.SendResult;
import gov.tawasul.engine.port.ChannelSender;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import twitter4j.Twitter;
import twitter4j.TwitterException;
import twitter4j.v1.DirectMessage;
import twitter4j.v1.DirectMessagesResources;

import java.time.Instant;
import java.util.List;
import java.util.Properties;

/**
 * Sends replies as X direct messages with twitter4j ({@code POST <api-url>direct_messages/events/new.json},
 * https://developer.x.com/en/docs/x-api/v1/direct-messages/sending-and-receiving/api-reference/new-event), OAuth 1.0a
 * user context of the agency's account. Quick replies become {@code quick_reply.options} (label at most 36
 * characters, at most 20 options). Blocking: the engine calls {@link #send} on a worker thread.
 * Accepted → the DM event id (also the id of its webhook echo and of its v2 dm_event) with status SENT; failures are
 * classified by {@link TwitterSendErrors}.
 */
@ApplicationScoped
public class TwitterSender implements ChannelSender {

    private static final Logger LOG = Logger.getLogger(TwitterSender.class);
    /** X's limit for {@code message_data.text}. */
    static final int MAX_TEXT = 10_000;
    private static final int MAX_LABEL = 36;
    private static final int MAX_OPTIONS = 20;

    private final TwitterConfig config;
    private volatile DirectMessagesResources api;
    /** Reads our sent DMs back for {@link #reconcile}; null when built outside CDI (unit tests). */
    @jakarta.inject.Inject
    SentDmLookup sentDms;

    public TwitterSender(TwitterConfig config) {
        this.config = config;
    }

    /** @return false when the X credentials are not set ({@link TwitterSwitch}): nothing is sent */
    @Override
    public boolean enabled() {
        return TwitterSwitch.status(config).on();
    }

    @Override
    public Channel channel() {
        return Channel.TWITTER;
    }

    @Override
    public int maxTextLength() {
        return MAX_TEXT;
    }

    /**
     * @return true for X's 349 (you cannot send messages to this user), 150 (not following us), 108 and 50 (no such
     *         user): sending to this recipient again cannot succeed
     */
    @Override
    public boolean unreachable(String errorCode) {
        try {
            return errorCode != null && TwitterSendErrors.FINAL_CODES.contains(Integer.parseInt(errorCode.strip()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public SendResult send(OutboundMessage message) {
        DirectMessagesResources dms = api();
        if (dms == null) {
            return SendResult.finalFailure("not-configured", "tawasul.twitter OAuth credentials are not set");
        }
        long recipient;
        try {
            recipient = Long.parseLong(message.to().value());
        } catch (NumberFormatException e) {
            return SendResult.finalFailure("invalid-recipient", "not an X user id: " + message.to().value());
        }
        try {
            DirectMessage dm = message.quickReplies().isEmpty()
                    ? dms.sendDirectMessage(recipient, message.text())
                    : dms.sendDirectMessage(recipient, message.text(), options(message.quickReplies()));
            return SendResult.accepted(Long.toString(dm.getId()), DeliveryStatus.SENT);
        } catch (TwitterException e) {
            SendResult result = TwitterSendErrors.classify(e, Instant.now());
            LOG.debugf("outbound %d to X user %d: %s %s (HTTP %d)", message.id(), recipient, result.outcome(),
                    result.errorCode(), e.getStatusCode());
            return result;
        }
    }

    private static twitter4j.v1.QuickReply[] options(List<QuickReply> replies) {
        return replies.stream().limit(MAX_OPTIONS)
                .map(r -> twitter4j.v1.QuickReply.of(r.title().length() > MAX_LABEL
                        ? r.title().substring(0, MAX_LABEL) : r.title(), null, r.payload()))
                .toArray(twitter4j.v1.QuickReply[]::new);
    }

    private DirectMessagesResources api() {
        DirectMessagesResources current = api;
        if (current == null && config.consumerKey().isPresent() && config.consumerSecret().isPresent()
                && config.accessToken().isPresent() && config.accessTokenSecret().isPresent()) {
            synchronized (this) {
                if (api == null) {
                    Properties rest = new Properties();
                    rest.setProperty("restBaseURL", config.apiUrl());
                    api = Twitter.newBuilder()
                            .oAuthConsumer(config.consumerKey().get(), config.consumerSecret().get())
                            .oAuthAccessToken(config.accessToken().get(), config.accessTokenSecret().get())
                            .httpRetryCount(0)
                            .httpConnectionTimeout(10_000)
                            .httpReadTimeout(30_000)
                            .load(rest)
                            .build().v1().directMessages();
                }
                current = api;
            }
        }
        return current;
    }

    /**
     * Asks X whether it holds the interrupted DM: our sent DMs of {@code GET /2/dm_events} to the recipient with this
     * text since the send began ({@link SentDmLookup}). Blocking.
     */
    @Override
    public gov.tawasul.engine.port.SendReconciliation reconcile(OutboundMessage message, Instant sendBegan) {
        return sentDms == null ? ChannelSender.super.reconcile(message, sendBegan) : sentDms.find(message, sendBegan);
    }
}
