package gov.tawasul.channels.email;

import gov.tawasul.engine.redis.SingletonLease;

import gov.tawasul.engine.redis.RedisConfig;
import io.lettuce.core.api.StatefulRedisConnection;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * Starts the {@link MailboxReader} of the agency's mailbox when the application starts and the e-mail channel is on
 * ({@link EmailConfig#enabled()}), and stops it at shutdown. When the channel is off, nothing happens: no thread, no
 * IMAP connection. Redis keys: the lease {@code <prefix>email:imap-lease} and the read position
 * {@code <prefix>email:mailbox:<user>@<host>/<folder>}.
 */
@ApplicationScoped
public class MailboxWatcher {

    private static final Logger LOG = Logger.getLogger(MailboxWatcher.class);

    private final EmailConfig config;
    private final EmailMessageParser parser;
    private final MailboxDelivery delivery;
    private final StatefulRedisConnection<String, String> redis;
    private final RedisConfig redisConfig;
    private volatile MailboxReader reader;

    MailboxWatcher(EmailConfig config, EmailMessageParser parser, MailboxDelivery delivery,
                   StatefulRedisConnection<String, String> redis, RedisConfig redisConfig) {
        this.config = config;
        this.parser = parser;
        this.delivery = delivery;
        this.redis = redis;
        this.redisConfig = redisConfig;
    }

    void start(@Observes StartupEvent ignored) {
        if (!config.enabled()) {
            LOG.debug("e-mail channel off: tawasul.email.address or tawasul.email.imap.host not set");
            return;
        }
        reader = newReader("reader");
        reader.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        MailboxReader current = reader;
        if (current != null) {
            reader = null;
            current.stop();
        }
    }

    /** @return a reader of the configured mailbox with its own lease token (the app's, or a test's second one) */
    MailboxReader newReader(String name) {
        return newReader(name, config.imap());
    }

    /** @return a reader of the mailbox {@code imap} describes, sharing the lease and position of the configured one */
    MailboxReader newReader(String name, EmailConfig.Imap imap) {
        String mailbox = imap.username().orElse("") + "@" + imap.host().orElse("") + "/" + imap.folder();
        return new MailboxReader(name, imap, parser, delivery,
                new SingletonLease(redis, redisConfig.keyPrefix() + "email:imap-lease"),
                new MailboxState(redis, redisConfig.keyPrefix() + "email:mailbox:" + mailbox), Clock.systemUTC());
    }

    /** @return the configured IMAP settings */
    EmailConfig.Imap newReaderSettings() {
        return config.imap();
    }

    /** @return the running reader, or null when the channel is off (or stopped) */
    MailboxReader reader() {
        return reader;
    }

    /** Stops the running reader (tests: the other instance takes over). */
    void stopReader() {
        stop(null);
    }

    /** Starts a reader again after {@link #stopReader} (tests). */
    void startReader() {
        if (reader == null && config.enabled()) {
            reader = newReader("reader");
            reader.start();
        }
    }
}
