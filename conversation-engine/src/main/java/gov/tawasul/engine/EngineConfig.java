package gov.tawasul.engine;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the conversation engine ({@code tawasul.engine.*}). */
@ConfigMapping(prefix = "tawasul.engine")
public interface EngineConfig {

    /**
     * Regular expression of a case number, applied to the normalised text (ASCII digits).
     * Default: 3 to 15 digits, optionally followed by groups joined by {@code -} or {@code /}
     * ({@code 4512873}, {@code 1446-000123}, {@code 2024/12345}); 3 digits because field case F16 expects {@code 123}.
     */
    @WithDefault("(?<![0-9])[0-9]{3,15}(?:[-/][0-9]{1,15}){0,3}(?![0-9])")
    String caseNumberPattern();

    /** Reply language when a message has neither Arabic nor Latin letters and the conversation has none yet. */
    @WithDefault("ar")
    String defaultLocale();

    /** Who is given a case's details. */
    @WithDefault("contact-match")
    Disclosure disclosure();

    /** Most case numbers answered from one message; further numbers are listed as not answered. */
    @WithDefault("3")
    int maxCasesPerMessage();

    /**
     * Most distinct case numbers one sender may have looked up per clock hour (whatever they are: existing or not,
     * theirs or not); further numbers get a polite refusal until the hour ends ({@code gov.tawasul.engine.identity}).
     */
    @WithDefault("10")
    int lookupBudget();

    /**
     * Conversations answered at the same time on one instance; more wait their turn. Each spends most of its time
     * waiting for the provider (about 80 ms per send) and the case system, holding no connection then (a
     * conversation holds one of the default pool's connections only while a statement runs), so the rate this
     * allows is about this number / the latency of one answer: 256 / 0.1 s ≈ 2,500 messages/s, above what 2 cores
     * sustain; the former 32 capped an instance at about 320 messages/s with an 80 ms provider. It was that low to
     * keep webhook acknowledgements fast while both shared one pool; they have their own pool now
     * ({@code quarkus.datasource."ingest"}), so a backlog of answers only queues on the default pool.
     */
    @WithDefault("256")
    int maxConcurrentConversations();

    /**
     * On shutdown (SIGTERM), how long the conversations being answered on this instance may take to finish; no new
     * one starts once shutdown began (their messages stay stored and another instance, or this one after its
     * restart, answers them).
     */
    @WithDefault("15s")
    Duration shutdownDrain();

    /** Retries of outbound messages after transient failures ({@code tawasul.engine.retry.*}). */
    Retry retry();

    /** The backstop that picks up what a crash or a race left behind ({@code tawasul.engine.recovery.*}). */
    Recovery recovery();

    /** Group commit of what webhooks bring ({@code tawasul.engine.ingest.*}; see {@code inbox.Inbox}). */
    Ingest ingest();

    /** Who is given a case's details ({@code contact-match} or {@code open} in the settings). */
    enum Disclosure {
        /** Details only to a sender who is one of the case's registered contacts. */
        CONTACT_MATCH,
        /** Details to everyone who knows the number (only for cases that are public by nature). */
        OPEN
    }

    /** Outbound retry settings. */
    interface Retry {
        /** First wait after a transient failure; doubled per attempt. */
        @WithDefault("2s")
        Duration initialBackoff();

        /** Longest wait between two send attempts. */
        @WithDefault("5m")
        Duration maxBackoff();

        /** Attempts before a retried message is marked failed. */
        @WithDefault("8")
        int maxAttempts();
    }

    /** Recovery settings. */
    interface Recovery {
        /** How often the recovery job runs. */
        @WithDefault("5s")
        Duration interval();

        /** An inbound message still unanswered after this is picked up again (e.g. after a crash). */
        @WithDefault("10s")
        Duration age();

        /**
         * A send in flight this long without a provider id was interrupted (its instance stopped): the provider is
         * asked whether it has the message (see {@code outbox.InterruptedSends}).
         */
        @WithDefault("5m")
        Duration interruptedAfter();
    }

    /**
     * Group commit on the webhook acknowledgement path: what concurrent requests bring within a short window is
     * written in one statement. The window is what the first request of a group waits at most (added to its ack
     * time); a group this large is written at once. A window of 0 writes each request's items alone.
     */
    interface Ingest {
        /** How long the first delivery receipt of a group waits for others (Twilio sends two per message). */
        @WithDefault("2ms")
        Duration receiptWindow();

        /** Receipts that make a group written at once. */
        @WithDefault("64")
        int receiptGroup();

        /**
         * How long the first inbound message of a group waits for other requests' messages (an SMS is one request
         * per message); a delivery of many messages (Messenger) is written at once with what waits.
         */
        @WithDefault("2ms")
        Duration inboundWindow();

        /** Inbound messages that make a group written at once. */
        @WithDefault("64")
        int inboundGroup();
    }
}
