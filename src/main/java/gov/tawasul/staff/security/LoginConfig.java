package gov.tawasul.staff.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Failed sign-ins ({@code tawasul.staff.login.*}): after {@link #maxFailures} failures for one username within
 * {@link #failureWindow}, that username is locked for {@link #lockDuration}, on every instance (counted in Redis).
 */
@ConfigMapping(prefix = "tawasul.staff.login")
public interface LoginConfig {

    /** Failed sign-ins within the window that lock the username. */
    @WithDefault("5")
    int maxFailures();

    /** Window in which failures are counted. */
    @WithDefault("15m")
    Duration failureWindow();

    /** How long a locked username cannot sign in, even with the right password. */
    @WithDefault("15m")
    Duration lockDuration();
}
