package gov.tawasul.engine.notify;

import gov.tawasul.engine.EngineConfig;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.CaseContact;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.outbox.ChannelSenders;
import gov.tawasul.engine.outbox.OutboundDraft;
import gov.tawasul.engine.outbox.Outbox;
import gov.tawasul.engine.outbox.SendOutcome;
import gov.tawasul.engine.policy.SendDecision;
import gov.tawasul.engine.store.Notifications;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import gov.tawasul.engine.reply.EmailAddresses;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns committed case events into notifications and sends them, one pass every {@code tawasul.notifications.tick}
 * (never two passes at once on an instance; several instances share the queue through {@code SKIP LOCKED} claims):
 * <ol>
 *   <li>fan-out: the case's registered SMS numbers and (with {@code tawasul.email.address} set) e-mail addresses
 *       follow it ({@code default-follow=registered-contacts}); each
 *       new event queues one notification per active follower of its case, in event order (an SMS
 *       due after the quiet hours, others now);</li>
 *   <li>collapse: a due notification with a newer pending one of the same case and address is {@code SUPERSEDED};</li>
 *   <li>claim up to {@code rate × tick} due notifications, the oldest undone one per address, and send each through
 *       {@link Outbox#send} as {@code NOTIFICATION} (the send policy decides; stored at most once per notification):
 *       more than {@code cap-per-case-per-day} of a case to an address within 24 h, or {@code max-per-address-per-day}
 *       of all cases, waits an hour (and collapses);
 *       Messenger or WhatsApp outside the window, and a follower the channel cannot reach (X 349), fall back to the
 *       case's registered contacts on the first channel of {@code fallback-order} (sms, email); another refusal ends it
 *       {@code REFUSED}; the first message to an address names the service and how to stop;</li>
 *   <li>a pass in which the provider throttled a send (its row waits for a retry: Twilio 429/20429, Messenger #613)
 *       is followed by a pause of {@code throttle-pause}, doubled while it lasts up to {@code max-throttle-pause}.</li>
 * </ol>
 * Metric: {@code tawasul.notifications} (tag {@code outcome}).
 */
@ApplicationScoped
@Startup
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);
    @jakarta.inject.Inject
    gov.tawasul.engine.store.DatabaseOutage outage;
    private static final int FAN_OUT_BATCH = 2000;
    private static final int CONCURRENCY = 16;
    private static final Duration CAP_WINDOW = Duration.ofHours(24);
    private static final Duration CAP_RECHECK = Duration.ofHours(1);

    private final boolean followRegistered;
    private final Notifications notifications;
    private final Outbox outbox;
    private final NotificationTexts texts;
    private final NotificationClock clock;
    private final NotificationsConfig config;
    private final QuietHours quietHours;
    private final String defaultLocale;
    private final MeterRegistry metrics;
    private final int batch;
    private final String emailFrom;
    private final List<Channel> fallbackOrder;
    private final ChannelSenders senders;
    private volatile Instant pausedUntil = Instant.EPOCH;
    private volatile Duration pause;

    @Inject
    NotificationDispatcher(Notifications notifications, Outbox outbox, NotificationTexts texts,
                           NotificationClock clock, NotificationsConfig config, EngineConfig engine,
                           MeterRegistry metrics, ChannelSenders senders,
                           @ConfigProperty(name = "tawasul.email.address") Optional<String> emailAddress) {
        if (config.rate() < 1) {
            throw new IllegalArgumentException("tawasul.notifications.rate must be at least 1: " + config.rate());
        }
        if (config.capPerCasePerDay() < 1) {
            throw new IllegalArgumentException("tawasul.notifications.cap-per-case-per-day must be at least 1");
        }
        if (config.maxPerAddressPerDay() < 1) {
            throw new IllegalArgumentException("tawasul.notifications.max-per-address-per-day must be at least 1");
        }
        this.followRegistered = switch (config.defaultFollow()) {
            case "registered-contacts" -> true;
            case "askers-only" -> false;
            default -> throw new IllegalArgumentException("tawasul.notifications.default-follow must be "
                    + "registered-contacts or askers-only: " + config.defaultFollow());
        };
        this.notifications = notifications;
        this.outbox = outbox;
        this.texts = texts;
        this.clock = clock;
        this.config = config;
        this.quietHours = QuietHours.parse(config.quietHours(), config.timeZone());
        this.defaultLocale = engine.defaultLocale();
        this.metrics = metrics;
        this.batch = (int) Math.max(1, Math.round(config.rate() * (config.tick().toMillis() / 1000.0)));
        this.pause = config.throttlePause();
        this.senders = senders;
        this.fallbackOrder = fallbackOrder(config.fallbackOrder());
        this.emailFrom = emailAddress.map(String::strip).filter(a -> !a.isEmpty())
                .map(EmailAddresses::canonical).orElse(null);
    }

    /** One pass; a failure is logged and the next pass tries again. */
    @Scheduled(every = "${tawasul.notifications.tick:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    Uni<Void> pass() {
        return fanOut().chain(this::drain).onFailure().recoverWithUni(e -> {
            return outage.logUnlessAbsorbed(LOG, e, "notification pass failed");
        });
    }

    /** Queues the notifications of the oldest events not fanned out yet (one batch per pass), in event order. */
    public Uni<Void> fanOut() {
        Instant now = clock.instant();
        return notifications.fanOutBatch(FAN_OUT_BATCH, followRegistered, config.smsFrom().orElse(null),
                emailFrom, defaultLocale, quietHours.nextAllowed(now), now).replaceWithVoid();
    }

    /** Sends one batch of due notifications (none while paused after throttling). */
    Uni<Void> drain() {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            return Uni.createFrom().voidItem();
        }
        return notifications.recoverStale(config.staleClaim())
                .chain(() -> notifications.supersede(now))
                .chain(() -> notifications.claim(now, batch))
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().item(List.<Boolean>of())
                        : Multi.createFrom().iterable(claimed)
                        .onItem().transformToUni(this::send).merge(CONCURRENCY)
                        .collect().asList())
                .invoke(throttled -> {
                    if (throttled.contains(Boolean.TRUE)) {
                        pausedUntil = clock.instant().plus(pause);
                        Duration doubled = pause.multipliedBy(2);
                        pause = doubled.compareTo(config.maxThrottlePause()) > 0 ? config.maxThrottlePause() : doubled;
                    } else if (!throttled.isEmpty()) {
                        pause = config.throttlePause();
                    }
                })
                .replaceWithVoid();
    }

    /** @return whether the provider throttled this send */
    private Uni<Boolean> send(Notifications.Claimed n) {
        if (n.bot() == null) {
            count("skipped");
            return notifications.finish(n.claim(), "SKIPPED", "NO_SENDER",
                    "no sender for " + n.citizen().channel() + " (tawasul.notifications.sms-from)")
                    .invoke(this::countLost).replaceWith(false);
        }
        return notifications.sentWithin(n.event().record().caseNumber(), n.citizen(), CAP_WINDOW).chain(sent -> {
            if (sent >= config.capPerCasePerDay()) {
                count("capped");
                return notifications.release(n.claim(), clock.instant().plus(CAP_RECHECK), "CAP")
                        .invoke(this::countLost).replaceWith(false);
            }
            return notifications.sentToAddressWithin(n.citizen(), CAP_WINDOW).chain(toAddress -> {
                if (toAddress >= config.maxPerAddressPerDay()) {
                    count("address-capped");
                    return notifications.release(n.claim(), clock.instant().plus(CAP_RECHECK), "ADDRESS_CAP")
                            .invoke(this::countLost).replaceWith(false);
                }
                return compose(n);
            });
        });
    }

    /** The text (the first message to an address names the service), through the outbox. */
    private Uni<Boolean> compose(Notifications.Claimed n) {
        return notifications.everWroteTo(n.citizen()).chain(wrote -> {
            String text = texts.status(n.event().record(), n.citizen().channel(), n.locale(), !wrote);
            OutboundDraft draft = OutboundDraft.notification(n.claim(), n.citizen(),
                    new Address(n.citizen().channel(), n.bot()), text, n.locale());
            return outbox.send(draft).chain(outcome -> outcome(n, outcome));
        });
    }

    private Uni<Boolean> outcome(Notifications.Claimed n, SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Queued queued) {
            return notifications.outboundStatus(queued.outboundId()).chain(state -> {
                if ("FAILED".equals(state.status()) && senders.forChannel(n.citizen().channel()) != null
                        && senders.forChannel(n.citizen().channel()).unreachable(state.errorCode())) {
                    // e.g. X 349: this follower cannot get our messages there; the next channel instead
                    return fallBack(n, true, n.citizen().channel().wireName() + "_" + state.errorCode())
                            .map(fell -> {
                                count(fell ? "fell-back" : "failed");
                                return false;
                            });
                }
                count("sent");
                return Uni.createFrom().item("QUEUED".equals(state.status()));
            });
        }
        if (outcome instanceof SendOutcome.AlreadyAnswered) {
            // no longer this claim's: recovered as stale and claimed again (another instance sends it), or done
            count("claim-lost");
            return Uni.createFrom().item(false);
        }
        SendOutcome.Refused refused = (SendOutcome.Refused) outcome;
        Uni<Boolean> fell = refused.reason() == SendDecision.Reason.OUTSIDE_WINDOW
                ? fallBack(n, false, refused.reason().name()) : Uni.createFrom().item(false);
        return fell.chain(done -> {
            if (done) {
                count("fell-back");
                return Uni.createFrom().item(false);
            }
            count("refused");
            return notifications.finish(n.claim(), "REFUSED", refused.reason().name(), refused.detail())
                    .invoke(this::countLost).replaceWith(false);
        });
    }

    /**
     * The event to the case's registered contacts on the first channel of {@code fallback-order} (other than the
     * follower's) where it has some and the bot a sender: the notification {@code FELL_BACK}, theirs {@code PENDING}.
     *
     * @param sent whether the notification was sent (its outbound row failed) rather than refused before
     * @return false when no channel of the order can carry it (the notification is left as it is); true also when
     *         the notification turned out to be no longer this claim's (nothing changed: its owner decides)
     */
    private Uni<Boolean> fallBack(Notifications.Claimed n, boolean sent, String reason) {
        for (Channel channel : fallbackOrder) {
            if (channel == n.citizen().channel()) {
                continue;
            }
            String from = channel == Channel.SMS ? config.smsFrom().orElse(null) : emailFrom;
            List<String> addresses = n.event().record().contacts().stream()
                    .filter(c -> c.channel() == channel).map(CaseContact::address).distinct().toList();
            if (from != null && !addresses.isEmpty()) {
                Instant now = clock.instant();
                return notifications.fallBack(n.claim(), sent, channel, addresses, from, n.locale(),
                        channel == Channel.SMS ? quietHours.nextAllowed(now) : now, reason)
                        .invoke(this::countLost).replaceWith(true);
            }
        }
        return Uni.createFrom().item(false);
    }

    /** @throws IllegalArgumentException for a channel other than {@code sms} and {@code email} */
    static List<Channel> fallbackOrder(List<String> names) {
        List<Channel> order = new java.util.ArrayList<>();
        for (String name : names) {
            if (name.isBlank()) {
                continue;
            }
            Channel channel;
            try {
                channel = Channel.fromWireName(name);
            } catch (IllegalArgumentException e) {
                channel = null;
            }
            if (channel != Channel.SMS && channel != Channel.EMAIL) {
                throw new IllegalArgumentException("tawasul.notifications.fallback-order takes sms and email (the "
                        + "channels the bot can write on first): " + name);
            }
            if (!order.contains(channel)) {
                order.add(channel);
            }
        }
        return List.copyOf(order);
    }

    /** Counts {@code claim-lost} when a write found the notification no longer this claim's. */
    private void countLost(boolean owned) {
        if (!owned) {
            LOG.debugf("notification claim lost (recovered as stale and claimed again): nothing written");
            count("claim-lost");
        }
    }

    private void count(String outcome) {
        metrics.counter("tawasul.notifications", "outcome", outcome).increment();
    }

    /** Skips passes when {@code tawasul.notifications.enabled=false}. */
    @ApplicationScoped
    public static class Disabled implements Scheduled.SkipPredicate {
        private final boolean enabled;

        Disabled(NotificationsConfig config) {
            this.enabled = config.enabled();
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !enabled;
        }
    }
}
