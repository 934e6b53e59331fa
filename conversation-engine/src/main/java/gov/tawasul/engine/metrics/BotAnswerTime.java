package gov.tawasul.engine.metrics;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.outbox.SendOutcome;
import gov.tawasul.engine.store.PendingInbound;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Timer {@code tawasul.bot.answer.time} (Prometheus {@code tawasul_bot_answer_time_seconds_bucket|count|sum}, tag
 * {@code channel}): from the inbound message's arrival (its {@code received_at}) to the moment the outbox handed
 * the bot's reply to the provider. Histogram buckets from 50 ms to 60 s, so that operators compute p50/p95 with
 * {@code histogram_quantile}. Refused replies are not timed.
 */
@ApplicationScoped
public class BotAnswerTime {

    private final Map<Channel, Timer> timers = new EnumMap<>(Channel.class);

    BotAnswerTime(MeterRegistry metrics) {
        for (Channel channel : Channel.values()) {
            timers.put(channel, Timer.builder("tawasul.bot.answer.time")
                    .description("inbound received to the bot's reply handed to the provider")
                    .tag("channel", channel.wireName())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(50))
                    .maximumExpectedValue(Duration.ofSeconds(60))
                    .register(metrics));
        }
    }

    /** Times the reply to {@code in} when the outbox took it ({@link SendOutcome.Queued}). */
    public void answered(PendingInbound in, SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Queued && in.receivedAt() != null) {
            Duration d = Duration.between(in.receivedAt(), Instant.now());
            timers.get(in.conversation().channel()).record(d.isNegative() ? Duration.ZERO : d);
        }
    }
}
