package gov.tawasul.engine.testing;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.model.SendResult;
import gov.tawasul.engine.port.ChannelSender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An SMS sender for engine tests (enabled by {@link EngineTestProfile} only): records every message and answers
 * with scripted results, by default "accepted" with provider id {@code TEST-<outbound id>-<attempt>}.
 */
@Alternative
@ApplicationScoped
public class RecordingSender implements ChannelSender {

    private final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
    private final java.util.Map<Long, Long> sentNanos = new java.util.concurrent.ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Function<OutboundMessage, SendResult>> script = new ConcurrentLinkedDeque<>();

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public SendResult send(OutboundMessage message) {
        record(message);
        Function<OutboundMessage, SendResult> next = script.pollFirst();
        return next != null ? next.apply(message)
                : SendResult.accepted("TEST-" + message.id() + "-" + message.attempt(), DeliveryStatus.SENT);
    }

    @Override
    public int maxTextLength() {
        return 1600;
    }

    /** Records a message sent on any channel (the recording senders of other channels share this record). */
    public void record(OutboundMessage message) {
        sentNanos.putIfAbsent(message.id(), System.nanoTime());
        sent.add(message);
    }

    /** @return {@link System#nanoTime()} when the message of outbound id {@code id} was first sent, or null */
    public Long sentAtNanos(long id) {
        return sentNanos.get(id);
    }

    /** @return the messages sent to {@code recipient} on {@code channel}, in order */
    public List<OutboundMessage> sentTo(Channel channel, String recipient) {
        return sent.stream().filter(m -> m.to().channel() == channel && m.to().value().equals(recipient)).toList();
    }

    /** Queues the result of a coming send. */
    public void then(Function<OutboundMessage, SendResult> result) {
        script.addLast(result);
    }

    /** @return the messages sent to {@code recipient}, in order */
    public List<OutboundMessage> sentTo(String recipient) {
        return sent.stream().filter(m -> m.to().value().equals(recipient)).toList();
    }
}
