package gov.tawasul.engine.identity;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The counters of this package, in {@code /q/metrics}:
 * {@code tawasul.identity.codes} (tag {@code outcome}: {@code offered}, {@code sent}, {@code not-sent} — the number is
 * no case or has no contact to send to —, {@code refused} — the send policy refused it),
 * {@code tawasul.identity.limited} (tag {@code limit}: {@code case}, {@code address}, {@code global}),
 * {@code tawasul.identity.verifications} (tag {@code outcome}: {@code linked}, {@code wrong}, {@code void}),
 * {@code tawasul.identity.revoked} (tag {@code by}: {@code staff}, {@code citizen}),
 * {@code tawasul.lookup.refused} (a sender over {@code tawasul.engine.lookup-budget}),
 * {@code tawasul.lookup.many-senders} (a case number asked about by {@code tawasul.identity.lookup-report-senders}
 * senders within an hour; once per number and hour).
 */
@ApplicationScoped
public class IdentityMetrics {

    private final MeterRegistry registry;

    IdentityMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts a code's fate. */
    public void code(String outcome) {
        registry.counter("tawasul.identity.codes", "outcome", outcome).increment();
    }

    /** Counts a request over a code limit. */
    public void limited(String limit) {
        registry.counter("tawasul.identity.limited", "limit", limit).increment();
    }

    /** Counts a code reply's outcome. */
    public void verification(String outcome) {
        registry.counter("tawasul.identity.verifications", "outcome", outcome).increment();
    }

    /** Counts revoked links. */
    public void revoked(String by, int count) {
        registry.counter("tawasul.identity.revoked", "by", by).increment(count);
    }

    /** Counts a lookup refused by the sender's budget. */
    public void lookupRefused() {
        registry.counter("tawasul.lookup.refused").increment();
    }

    /** Counts a case number asked about by many senders (once per number and hour). */
    public void manySenders() {
        registry.counter("tawasul.lookup.many-senders").increment();
    }
}
