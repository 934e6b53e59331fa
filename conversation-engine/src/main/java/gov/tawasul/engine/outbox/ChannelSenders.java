package gov.tawasul.engine.outbox;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.port.ChannelSender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.EnumMap;
import java.util.Map;

/** The {@link ChannelSender} beans, by channel. */
@ApplicationScoped
public class ChannelSenders {

    private final Map<Channel, ChannelSender> byChannel = new EnumMap<>(Channel.class);

    public ChannelSenders(Instance<ChannelSender> senders) {
        for (ChannelSender sender : senders) {
            byChannel.put(sender.channel(), sender);
        }
    }

    /** @return the sender of {@code channel}, or null when none is deployed */
    public ChannelSender forChannel(Channel channel) {
        return byChannel.get(channel);
    }
}
