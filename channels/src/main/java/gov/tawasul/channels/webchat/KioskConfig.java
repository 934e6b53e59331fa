package gov.tawasul.channels.webchat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The self-service kiosk page {@code /kiosk} ({@code tawasul.kiosk.*}). */
@ConfigMapping(prefix = "tawasul.kiosk")
public interface KioskConfig {

    /**
     * Without a touch or key for this long, the kiosk goes back to its welcome screen and forgets the conversation
     * (the next person starts as a new visitor). At least 5 s.
     */
    @WithDefault("60s")
    Duration idleTimeout();
}
