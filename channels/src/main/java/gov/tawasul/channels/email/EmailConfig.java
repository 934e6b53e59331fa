package gov.tawasul.channels.email;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the e-mail channel ({@code tawasul.email.*}; outgoing SMTP is {@code quarkus.mailer.*}). The channel
 * is on only when both {@link #address()} and {@link Imap#host()} are set: otherwise no IMAP connection is tried,
 * nothing is sent (a reply fails with error code {@code not-configured}) and the rest of the application runs as
 * usual. Docs: docs/email.md.
 */
@ConfigMapping(prefix = "tawasul.email")
public interface EmailConfig {

    /**
     * The agency's address citizens write to and replies come from, e.g. {@code tawasul@emirate.example.gov.sa};
     * also the domain of our {@code Message-ID}s. Unset: the channel is off.
     */
    Optional<String> address();

    /** Display name of our {@code From:} header, e.g. {@code تواصل - الإمارة}. */
    @WithDefault("Tawasul")
    String displayName();

    /**
     * Further addresses of the agency that deliver into the same mailbox (aliases): mail from any of them is our own
     * and never answered.
     */
    Optional<List<String>> ownAddresses();

    /** At most this many bot replies to one address in any sliding hour; further ones are not sent (loop guard). */
    @WithDefault("5")
    int maxRepliesPerSenderPerHour();

    /** The mailbox read for citizens' mail ({@code tawasul.email.imap.*}). */
    Imap imap();

    /** @return whether the channel is on: our address and the IMAP host are set */
    default boolean enabled() {
        return address().filter(a -> !a.isBlank()).isPresent() && imap().host().filter(h -> !h.isBlank()).isPresent();
    }

    /** IMAP settings of the agency's mailbox. */
    interface Imap {

        /** IMAP server, e.g. {@code imap.emirate.example.gov.sa}. Unset: the channel is off. */
        Optional<String> host();

        /** Port: 993 for IMAPS (TLS from the first byte), 143 for plain IMAP upgraded with STARTTLS. */
        @WithDefault("993")
        int port();

        /** How the connection is secured. */
        @WithDefault("ssl")
        Security security();

        /** Login name (often the address itself). */
        Optional<String> username();

        /** Password, or an app password where the provider requires one for IMAP (Gmail, Microsoft 365). */
        Optional<String> password();

        /** Folder where citizens' mail arrives. */
        @WithDefault("INBOX")
        String folder();

        /**
         * Folder a message is moved to once it is stored in the bot (created when missing; application.properties
         * sets {@code Processed}); unset or empty: messages stay in {@link #folder()}, flagged {@code \Seen}.
         */
        Optional<String> processedFolder();

        /**
         * Use IMAP IDLE (RFC 2177) when the server offers it; {@code false}, or a server without IDLE, reads the
         * folder every {@link #pollInterval()} instead.
         */
        @WithDefault("true")
        boolean idle();

        /** Time between two reads of the folder when the server has no IDLE (or {@link #idle()} is off). */
        @WithDefault("60s")
        Duration pollInterval();

        /**
         * Longest time in one IDLE command: then the reader renews its lease and idles again (servers drop an idle
         * connection after 30 minutes, RFC 2177 says to re-issue IDLE at least every 29). Also how often an instance
         * that does not hold the lease tries to take it.
         */
        @WithDefault("60s")
        Duration idleRenewal();

        /**
         * How long the lease of the reading instance lasts without renewal: after a crash another instance starts
         * reading at most this long later. Must be well above {@link #idleRenewal()}.
         */
        @WithDefault("3m")
        Duration leaseTtl();

        /** When nothing is known of the folder yet (first start, UIDVALIDITY changed): unread mail older is left. */
        @WithDefault("24h")
        Duration initialLookback();

        /** First wait before reconnecting after a failure; doubled per failure. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Longest wait between two reconnection attempts. */
        @WithDefault("5m")
        Duration maxBackoff();

        /** Connect and read timeout of the IMAP socket. */
        @WithDefault("30s")
        Duration timeout();

        /** Messages stored per round before they are flagged and moved. */
        @WithDefault("20")
        int batchSize();
    }

    /** How the IMAP connection is secured. */
    enum Security {
        /** TLS from the first byte (IMAPS, port 993). */
        SSL,
        /** Plain connection upgraded with STARTTLS, which is required (port 143). */
        STARTTLS,
        /** No TLS at all: only for a server on the same host or a test server. */
        NONE
    }
}
