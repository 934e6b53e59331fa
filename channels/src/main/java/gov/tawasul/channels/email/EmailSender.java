package gov.tawasul.channels.email;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.model.SendResult;
import gov.tawasul.engine.port.ChannelSender;
import gov.tawasul.engine.store.ReplyThreads;
import io.quarkus.mailer.Mailer;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends e-mails through the SMTP relay of {@code quarkus.mailer.*} (quarkus-mailer's blocking {@link Mailer},
 * https://quarkus.io/guides/mailer-reference): the engine calls {@link #send} on a worker thread. Per message:
 * <ol>
 *   <li>a bot reply beyond {@code tawasul.email.max-replies-per-sender-per-hour} to one address is not sent: final
 *       failure {@code rate-limited} ({@link ReplyRateLimit});</li>
 *   <li>what it answers is read ({@link ReplyThreads#answeredBy}: the citizen's {@code Message-ID}, subject,
 *       references, attachments), for a case-status update also its case and our previous update of that case to
 *       the address ({@link ReplyThreads#notified}), and the mail composed ({@link EmailComposer});</li>
 *   <li>the relay accepted it = {@code SENT}, with our {@code Message-ID} as the provider id (a bounce names it
 *       later); a permanent SMTP refusal (5xx) is a final failure with the enhanced status code when the relay gave
 *       one ({@code 5.1.1}), else the reply code ({@code 550}); a transient one (4xx), a timeout or a connection
 *       failure is retried by the engine.</li>
 * </ol>
 * When the channel is off ({@link EmailConfig#enabled()}), nothing is sent: final failure {@code not-configured}.
 */
@ApplicationScoped
public class EmailSender implements ChannelSender {

    private static final Logger LOG = Logger.getLogger(EmailSender.class);
    /** Longest reply text: e-mail has no practical limit; this keeps a runaway text from becoming a huge mail. */
    static final int MAX_TEXT = 100_000;
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern ENHANCED = Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

    private final EmailConfig config;
    private final Mailer mailer;
    private final ReplyThreads threads;
    private final ReplyRateLimit rateLimit;
    private final EmailComposer composer;

    EmailSender(EmailConfig config, Mailer mailer, ReplyThreads threads, ReplyRateLimit rateLimit,
                EmailComposer composer) {
        this.config = config;
        this.mailer = mailer;
        this.threads = threads;
        this.rateLimit = rateLimit;
        this.composer = composer;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    /** @return false when the channel is off ({@link EmailConfig#enabled()}): nothing is sent */
    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public int maxTextLength() {
        return MAX_TEXT;
    }

    @Override
    public SendResult send(OutboundMessage message) {
        if (!config.enabled()) {
            return SendResult.finalFailure("not-configured",
                    "the e-mail channel is off: tawasul.email.address and tawasul.email.imap.host are not set");
        }
        try {
            if (message.origin() == Origin.BOT && !rateLimit.take(message.to().value(), message.id())) {
                return SendResult.finalFailure("rate-limited", "not sent: " + message.to().value() + " already had "
                        + rateLimit.max() + " automatic replies in the last hour (mail loop guard)");
            }
        } catch (RuntimeException e) {
            return SendResult.retry("redis-unavailable", "reply count not checked: " + e.getMessage(), null);
        }
        Optional<ReplyThreads.Answered> answered;
        Optional<ReplyThreads.Notified> notified = Optional.empty();
        try {
            answered = threads.answeredBy(message.id()).await().atMost(LOOKUP_TIMEOUT);
            if (message.origin() == Origin.NOTIFICATION) {
                notified = threads.notified(message.id()).await().atMost(LOOKUP_TIMEOUT);
            }
        } catch (RuntimeException e) {
            return SendResult.retry("database-unavailable", "thread not read: " + e.getMessage(), null);
        }
        EmailComposer.Composed mail = composer.compose(message, answered, notified);
        try {
            mailer.send(mail.mail());
            LOG.debugf("outbound %d: mail %s accepted by the relay for %s", message.id(), mail.messageId(),
                    message.to().value());
            return SendResult.accepted(mail.messageId(), DeliveryStatus.SENT);
        } catch (RuntimeException e) {
            SendResult result = classify(e);
            LOG.debugf("outbound %d to %s: %s %s %s", message.id(), message.to().value(), result.outcome(),
                    result.errorCode(), result.errorMessage());
            return result;
        }
    }

    /** @return the outcome of a failed send: SMTP 5xx final, anything else retried */
    static SendResult classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SMTPException smtp) {
                String code = enhancedCode(smtp.getMessage());
                if (code == null) {
                    code = Integer.toString(smtp.getReplyCode());
                }
                return smtp.isPermanent() ? SendResult.finalFailure(code, smtp.getMessage())
                        : SendResult.retry(code, smtp.getMessage(), null);
            }
            if (t instanceof IllegalArgumentException && t.getMessage() != null
                    && t.getMessage().contains("email address")) {
                return SendResult.finalFailure("invalid-recipient", t.getMessage());
            }
        }
        return SendResult.retry("smtp-unavailable", failure.getClass().getSimpleName() + ": " + failure.getMessage(),
                null);
    }

    private static String enhancedCode(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = ENHANCED.matcher(message);
        return m.find() ? m.group(1) : null;
    }
}
