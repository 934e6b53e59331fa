package gov.tawasul.engine.outbox;

import gov.tawasul.engine.EngineConfig;
import gov.tawasul.engine.EngineContext;
import gov.tawasul.engine.delivery.DeliveryReceipts;
import gov.tawasul.engine.intent.Intent;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.model.SendResult;
import gov.tawasul.engine.persistence.Columns;
import gov.tawasul.engine.persistence.Sql;
import gov.tawasul.engine.port.ChannelSender;
import gov.tawasul.engine.reply.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Stores replies and sends them. A reply is a committed {@code outbound_message} row ({@code QUEUED}) before it is a
 * network call; the provider call runs on a worker thread with no transaction open; its result is stored in a new
 * statement on the event loop. Transient failures are retried with exponential backoff by the
 * {@link gov.tawasul.engine.processing.RecoveryJob}; final failures keep the provider's error code.
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);

    /** One statement: the reply row (at most one per inbound message), the inbound marked answered, the locale kept. */
    private static final String INSERT_REPLY = """
            with o as (
              insert into outbound_message (conversation_id, inbound_message_id, channel, recipient, sender, text,
                                            locale, quick_replies, status, attempts)
              values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'QUEUED', 1)
              on conflict (inbound_message_id) where inbound_message_id is not null do nothing
              returning id),
            i as (update inbound_message set state = 'ANSWERED', intent = ?9, case_numbers = cast(?10 as varchar),
                  processed_at = now() where id = ?2),
            c as (update conversation set locale = ?7, updated_at = now() where id = ?1)
            select id from o""";

    private static final String CLAIM_RETRY = """
            update outbound_message o set next_attempt_at = null, attempts = attempts + 1, updated_at = now()
            from conversation c
            where o.id = ?1 and o.status = 'QUEUED' and o.next_attempt_at is not null and c.id = o.conversation_id
            returning o.id, o.channel, o.recipient, o.sender, o.text, o.locale, o.attempts, c.last_inbound_at, o.quick_replies""";

    private static final String RETRY_LATER = """
            update outbound_message set next_attempt_at = ?2, error_code = cast(?3 as varchar),
                   error_message = cast(?4 as text), updated_at = now()
            where id = ?1 and status = 'QUEUED'""";

    private static final String FAIL = """
            update outbound_message set status = 'FAILED', error_code = cast(?2 as varchar),
                   error_message = cast(?3 as text), updated_at = now()
            where id = ?1 and status = 'QUEUED'""";

    private static final String OPT_OUT = """
            with f as (update outbound_message set status = 'FAILED', error_code = cast(?2 as varchar),
                              error_message = cast(?3 as text), updated_at = now()
                       where id = ?1 and status = 'QUEUED' returning channel, recipient, sender)
            insert into opt_out (channel, citizen_address, bot_address, reason)
            select channel, recipient, sender, 'SEND_ERROR_' || cast(?2 as varchar) from f
            on conflict do nothing""";

    private final Sql sql;
    private final EngineContext context;
    private final ChannelSenders senders;
    private final DeliveryReceipts receipts;
    private final EngineConfig config;
    private final MeterRegistry metrics;

    public Outbox(Sql sql, EngineContext context, ChannelSenders senders, DeliveryReceipts receipts,
                  EngineConfig config, MeterRegistry metrics) {
        this.sql = sql;
        this.context = context;
        this.senders = senders;
        this.receipts = receipts;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Stores the reply to an inbound message and sends it. Completes once the send attempt's outcome is stored.
     * A second reply to the same inbound message is never stored (unique key).
     */
    public Uni<Void> reply(long inboundId, long conversationId, Address citizen, Address bot, Reply reply,
                           Intent intent, Instant lastInboundAt) {
        ChannelSender sender = senders.forChannel(citizen.channel());
        String text = TextLimits.fit(reply.text(), sender == null ? Integer.MAX_VALUE : sender.maxTextLength());
        return sql.column(INSERT_REPLY, Object.class, conversationId, inboundId, citizen.channel().name(),
                        citizen.value(), bot.value(), text, reply.locale(), QuickReplies.toJson(reply.quickReplies()),
                        intent.name(), caseNumbers(intent))
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().voidItem()
                        : send(new OutboundMessage(Columns.asLong(ids.get(0)), gov.tawasul.engine.model.Origin.BOT, citizen.channel(), citizen, bot, text,
                        reply.locale(), reply.quickReplies(), java.util.Map.of(), lastInboundAt, 1)));
    }

    private static String caseNumbers(Intent intent) {
        return intent instanceof Intent.CaseStatus status ? String.join(" ", status.caseNumbers()) : null;
    }

    /** Claims a queued message whose retry is due and sends it again; nothing when another instance claimed it. */
    public Uni<Void> retry(long outboundId) {
        return sql.rows(CLAIM_RETRY, outboundId).chain(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Object[] r = rows.get(0);
            var channel = gov.tawasul.engine.model.Channel.valueOf((String) r[1]);
            return send(new OutboundMessage(Columns.asLong(r[0]), gov.tawasul.engine.model.Origin.BOT, channel, new Address(channel, (String) r[2]),
                    new Address(channel, (String) r[3]), (String) r[4], (String) r[5],
                    QuickReplies.fromJson((String) r[8]), java.util.Map.of(),
                    Columns.asInstant(r[7]), (int) Columns.asLong(r[6])));
        });
    }

    private Uni<Void> send(OutboundMessage message) {
        ChannelSender sender = senders.forChannel(message.channel());
        if (sender == null) {
            return store(message, SendResult.finalFailure(null, "no sender configured for " + message.channel()));
        }
        return context.blocking(() -> safeSend(sender, message)).chain(result -> store(message, result));
    }

    private static SendResult safeSend(ChannelSender sender, OutboundMessage message) {
        try {
            return sender.send(message);
        } catch (RuntimeException e) {
            LOG.errorf(e, "outbound %d: sender threw", message.id());
            return SendResult.retry(null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }

    private Uni<Void> store(OutboundMessage message, SendResult result) {
        metrics.counter("tawasul.outbound.results", "channel", message.channel().wireName(),
                "outcome", result.outcome().name()).increment();
        return switch (result.outcome()) {
            case ACCEPTED -> receipts.accepted(message.channel(), message.id(), result.providerMessageId(),
                    result.status() == null ? DeliveryStatus.QUEUED : result.status());
            case RETRY -> message.attempt() >= config.maxSendAttempts()
                    ? sql.update(FAIL, message.id(), result.errorCode(), "gave up after " + message.attempt()
                    + " attempts: " + result.errorMessage()).replaceWithVoid()
                    : sql.update(RETRY_LATER, message.id(), Columns.utc(Instant.now().plus(backoff(message, result))),
                    result.errorCode(), result.errorMessage()).replaceWithVoid();
            case FINAL_FAILURE -> sql.update(FAIL, message.id(), result.errorCode(), result.errorMessage())
                    .replaceWithVoid();
            case OPTED_OUT -> sql.update(OPT_OUT, message.id(), result.errorCode(), result.errorMessage())
                    .replaceWithVoid();
        };
    }

    private Duration backoff(OutboundMessage message, SendResult result) {
        if (result.retryAfter() != null) {
            return result.retryAfter();
        }
        Duration wait = config.retryInitialBackoff().multipliedBy(1L << Math.min(20, message.attempt() - 1));
        return wait.compareTo(config.retryMaxBackoff()) > 0 ? config.retryMaxBackoff() : wait;
    }
}
