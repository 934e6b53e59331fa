package gov.tawasul.engine.outbox;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.port.ChannelSender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.EnumMap;
import java.util.Map;

/**
 * The {@link ChannelSender} beans, by channel. When two beans serve one channel, an enabled CDI alternative
 * (e.g. a deployment-specific sender) wins over the standard one.
 */
@ApplicationScoped
public class ChannelSenders {

    private final Map<Channel, ChannelSender> byChannel = new EnumMap<>(Channel.class);

    public ChannelSenders(Instance<ChannelSender> senders) {
        Map<Channel, Boolean> fromAlternative = new EnumMap<>(Channel.class);
        for (Instance.Handle<ChannelSender> handle : senders.handles()) {
            ChannelSender sender = handle.get();
            boolean alternative = handle.getBean().isAlternative();
            if (!byChannel.containsKey(sender.channel()) || (alternative && !fromAlternative.get(sender.channel()))) {
                byChannel.put(sender.channel(), sender);
                fromAlternative.put(sender.channel(), alternative);
            }
        }
    }

    /** @return the sender of {@code channel}, or null when none is deployed */
    public ChannelSender forChannel(Channel channel) {
        return byChannel.get(channel);
    }
}
