package gov.tawasul.engine.model;

import java.util.List;
import java.util.Map;

/**
 * A message handed to a {@link gov.tawasul.engine.port.ChannelSender}. It is already a committed row
 * ({@code outbound_message.id}, status {@code SENDING}) before it is sent, and the send policy has allowed it.
 *
 * @param id           our id of the outbound message
 * @param origin       who sends it (bot reply, agent, notification, system)
 * @param channel      channel to send on
 * @param to           the citizen
 * @param from         our address on the channel (a phone number or Messaging Service SID for SMS)
 * @param text         the text to send, as the channel policy prepared it (within the length limit)
 * @param locale       {@code "ar"} or {@code "en"}
 * @param quickReplies buttons to offer where the channel supports them; never null
 * @param options      send options the channel policy chose (e.g. Messenger {@code tag=HUMAN_AGENT}); never null
 * @param attempt      1 for the first try, 2 for the first retry, …
 */
public record OutboundMessage(long id, Origin origin, Channel channel, Address to, Address from, String text,
                              String locale, List<QuickReply> quickReplies, Map<String, String> options,
                              int attempt) {
    public OutboundMessage {
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
