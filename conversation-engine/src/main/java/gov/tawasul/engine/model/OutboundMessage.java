package gov.tawasul.engine.model;

import java.time.Instant;
import java.util.List;

/**
 * A reply handed to a {@link gov.tawasul.engine.port.ChannelSender}. It is already a committed row
 * ({@code outbound_message.id}) before it is sent.
 *
 * @param id              our id of the outbound message
 * @param channel         channel to send on
 * @param to              the citizen
 * @param from            our address on the channel (a phone number or Messaging Service SID for SMS)
 * @param text            the text to send, already within the channel's length limit
 * @param locale          {@code "ar"} or {@code "en"}
 * @param quickReplies    buttons to offer where the channel supports them; never null
 * @param lastInboundAt   when the citizen last wrote in this conversation (Messenger's 24-hour window), or null
 * @param attempt         1 for the first try, 2 for the first retry, …
 */
public record OutboundMessage(long id, Channel channel, Address to, Address from, String text, String locale,
                              List<QuickReply> quickReplies, Instant lastInboundAt, int attempt) {
    public OutboundMessage {
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
    }
}
