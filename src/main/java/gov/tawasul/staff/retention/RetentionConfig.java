package gov.tawasul.staff.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** How long the bot keeps what it holds about citizens ({@code tawasul.retention.*}; README "Operators"). */
@ConfigMapping(prefix = "tawasul.retention")
public interface RetentionConfig {

    /**
     * Message texts, payloads and citizen addresses older than this are erased by the daily job (rows, counts and
     * times stay for reports). Default 90 days.
     */
    @WithDefault("90d")
    Duration messages();

    /**
     * Per channel, by wire name ({@code sms}, {@code facebook}, {@code twitter}, {@code email}, {@code whatsapp},
     * {@code webchat}): overrides {@link #messages()}, e.g. {@code tawasul.retention.messages-per-channel.sms=30d}.
     */
    Map<String, Duration> messagesPerChannel();

    /** Audit events older than this are removed (at least 30 days; default 2 years = 730 days). */
    @WithDefault("730d")
    Duration audit();

    /**
     * When the job runs (Quartz-style cron of the Quarkus scheduler, the server's time zone); {@code off} = never
     * (tests run it themselves). Default daily at 02:30.
     */
    @WithDefault("0 30 2 * * ?")
    String cron();
}
