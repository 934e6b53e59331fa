package gov.tawasul.channels.common;

import gov.tawasul.engine.model.Channel;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * At start-up: one log line saying which channels are on and, for the others, which settings turn them on, e.g.
 * {@code Channels on: SMS, Messenger. Off: X (set TAWASUL_TWITTER_CONSUMER_KEY, …), e-mail (set …)}. A credential set
 * but wrong (a placeholder, not the provider's format, half of a pair) stops start-up in the prod profile with the
 * setting's name ({@link IllegalStateException}); in dev and test it is a warning.
 */
@ApplicationScoped
public class ChannelsOn {

    private static final Logger LOG = Logger.getLogger(ChannelsOn.class);

    private final List<ChannelStatus> statuses;

    ChannelsOn(@Any Instance<ChannelSwitch> switches) {
        List<ChannelStatus> all = new ArrayList<>();
        switches.forEach(s -> all.add(s.status()));
        all.sort(Comparator.comparing(ChannelStatus::channel));
        this.statuses = List.copyOf(all);
    }

    void onStart(@Observes StartupEvent start) {
        verify(statuses, LaunchMode.current() == LaunchMode.NORMAL).ifPresent(LOG::warn);
        LOG.info(line(statuses));
    }

    /**
     * @param prod whether this is a prod start-up
     * @return the warning to log (dev, test) when a credential cannot be right, else empty
     * @throws IllegalStateException in prod when a credential cannot be right, naming each such setting
     */
    static java.util.Optional<String> verify(List<ChannelStatus> statuses, boolean prod) {
        List<String> problems = statuses.stream().flatMap(s -> s.problems().stream()).toList();
        if (problems.isEmpty()) {
            return java.util.Optional.empty();
        }
        String text = "Channel credentials that cannot be right: " + String.join("; ", problems);
        if (prod) {
            throw new IllegalStateException(text + ". Set the real values, or unset them to turn the channel off.");
        }
        return java.util.Optional.of(text + " (a prod start-up stops here)");
    }

    /** @return the start-up line for {@code statuses} */
    static String line(List<ChannelStatus> statuses) {
        String on = statuses.stream().filter(ChannelStatus::on).map(s -> ChannelSwitch.label(s.channel()))
                .collect(Collectors.joining(", "));
        String off = statuses.stream().filter(s -> !s.on())
                .map(s -> ChannelSwitch.label(s.channel()) + " (" + s.howToTurnOn() + ")")
                .collect(Collectors.joining(", "));
        return "Channels on: " + (on.isEmpty() ? "none" : on) + "." + (off.isEmpty() ? "" : " Off: " + off + ".");
    }

    /** @return every channel's status, in channel order */
    public List<ChannelStatus> statuses() {
        return statuses;
    }

    /** @return whether {@code channel} is on (a channel without a switch bean is not governed here: true) */
    public boolean isOn(Channel channel) {
        return statuses.stream().filter(s -> s.channel() == channel).findFirst().map(ChannelStatus::on).orElse(true);
    }
}
