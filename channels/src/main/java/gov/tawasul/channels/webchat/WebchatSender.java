package gov.tawasul.channels.webchat;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.model.SendResult;
import gov.tawasul.engine.port.ChannelSender;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * Sends our messages (bot replies, agents' answers, notices) to a web chat visitor: the message frame of
 * {@link ServerFrames#message} goes through the {@link WebchatRelay} to the visitor's open sockets on every
 * instance. The message is accepted as {@code SENT} with the id {@link VisitorTokens#messageId} whether or not a
 * socket is open (an offline visitor finds it in the history on return); the browser's status frames move it to
 * {@code DELIVERED} and {@code READ}. When no instance took it from Redis (Redis away), it goes to the visitor's
 * sockets on this instance directly. Blocking (up to 2 s for Redis); the engine calls it on a worker thread.
 */
@ApplicationScoped
public class WebchatSender implements ChannelSender {

    /** Longest text of one of our messages on the web chat (the browser shows any length; this keeps frames small). */
    static final int MAX_TEXT = 4000;

    private final WebchatRelay relay;
    private final WebchatConnections connections;
    private final ServerFrames frames;
    private final VisitorTokens tokens;
    private final Clock clock = Clock.systemUTC();

    WebchatSender(WebchatRelay relay, ServerFrames frames, VisitorTokens tokens, WebchatConnections connections) {
        this.relay = relay;
        this.connections = connections;
        this.frames = frames;
        this.tokens = tokens;
    }

    @Override
    public Channel channel() {
        return Channel.WEBCHAT;
    }

    @Override
    public int maxTextLength() {
        return MAX_TEXT;
    }

    /** @return accepted, {@code SENT}, with the message id the visitor's browser acknowledges */
    @Override
    public SendResult send(OutboundMessage message) {
        String visitor = message.to().value();
        String id = tokens.messageId(visitor, message.id());
        String frame = frames.message(id, message.origin(), message.text(), message.quickReplies(), clock.instant());
        if (relay.publish(visitor, frame) == 0) {
            // Redis away (or not subscribed yet): the visitor's sockets on this instance get it directly
            connections.deliver(visitor, frame);
        }
        return SendResult.accepted(id, DeliveryStatus.SENT);
    }
}
