package gov.tawasul.engine.processing;

import gov.tawasul.engine.Sequential;
import gov.tawasul.engine.identity.CaseAccess;
import gov.tawasul.engine.identity.DisclosureGate;
import gov.tawasul.engine.model.CaseLookupResult;
import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.outbox.OutboundDraft;
import gov.tawasul.engine.outbox.Outbox;
import gov.tawasul.engine.outbox.SendOutcome;
import gov.tawasul.engine.port.CaseLookup;
import gov.tawasul.engine.reply.ReplyComposer;
import gov.tawasul.engine.store.CaseFollowUps;
import gov.tawasul.engine.store.Conversations;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers, once the case system is back, the citizens who were told "we cannot check the case right now, try again
 * in a few minutes" ({@link CaseFollowUps}: owed by the {@link InboundHandler} when a lookup was
 * {@code Unavailable} without a last known status). Every {@code tawasul.cases.retry-interval} (30 s; never two
 * passes at once on an instance), in the order of the messages, in pages of 50 until every due row was tried once:
 * <ol>
 *   <li>a row owed for longer than {@code tawasul.cases.retry-window} (30 min from the message's arrival) is skipped
 *       ({@code RETRY_WINDOW}), one claimed for longer than {@link #STALE_CLAIM} too ({@code INTERRUPTED}: an
 *       instance stopped during it; it may have left, so it is not sent again — at most once);</li>
 *   <li>each due row is claimed ({@code for update skip locked}: one instance answers it), or skipped when the
 *       citizen asked about one of its numbers again meanwhile ({@code ASKED_AGAIN}), a person holds the
 *       conversation ({@code HELD_BY_PERSON}) or the message was not answered ({@code NOT_ANSWERED}); it waits while
 *       a later message of the conversation is still to be answered;</li>
 *   <li>its numbers are looked up again: one still {@code Unavailable} ends the pass (the case system is still down:
 *       one lookup per pass while it is), the row owed again after the interval;</li>
 *   <li>else the disclosure rules of a first answer apply ({@link DisclosureGate#review}; the lookup budget was
 *       counted the first time) and the answer leaves through the {@link Outbox} as a {@code NOTIFICATION} of the
 *       conversation (the {@code BOT} reply key stays one per inbound message), refused like any message to a
 *       citizen who opted out.</li>
 * </ol>
 * Metric {@code tawasul.cases.follow-ups} (tag {@code outcome}: {@code SENT} or the skip reason). Runs on the event
 * loop (non-blocking).
 */
@ApplicationScoped
public class CaseFollowUpJob {

    private static final Logger LOG = Logger.getLogger(CaseFollowUpJob.class);
    @jakarta.inject.Inject
    gov.tawasul.engine.store.DatabaseOutage outage;

    /** A claim older than this was left by a stopped instance (a follow-up takes a lookup and one send). */
    static final Duration STALE_CLAIM = Duration.ofMinutes(5);
    private static final int BATCH = 50;

    private final CaseFollowUps followUps;
    private final Conversations conversations;
    private final CaseLookup cases;
    private final DisclosureGate gate;
    private final ReplyComposer composer;
    private final Outbox outbox;
    private final MeterRegistry metrics;
    private final Duration window;
    private final Duration interval;

    CaseFollowUpJob(CaseFollowUps followUps, Conversations conversations, CaseLookup cases, DisclosureGate gate,
                    ReplyComposer composer, Outbox outbox, MeterRegistry metrics, CaseFollowUpConfig config) {
        this.followUps = followUps;
        this.conversations = conversations;
        this.cases = cases;
        this.gate = gate;
        this.composer = composer;
        this.outbox = outbox;
        this.metrics = metrics;
        this.window = config.retryWindow();
        this.interval = config.retryInterval();
    }

    /** @return how long after a failed lookup the owed answer is first tried ({@code tawasul.cases.retry-interval}) */
    public Duration interval() {
        return interval;
    }

    /**
     * One pass over every owed row due now (scheduled every {@code tawasul.cases.retry-interval}); a failure is
     * logged and the next pass tries again. Public for tests that drive a pass themselves.
     *
     * @return completes when the pass ended (never with a failure)
     */
    @Scheduled(every = "${tawasul.cases.retry-interval:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> pass() {
        AtomicBoolean stillDown = new AtomicBoolean();
        AtomicInteger sent = new AtomicInteger();
        return followUps.settle(window, STALE_CLAIM)
                .invoke(skipped -> {
                    if (skipped > 0) {
                        LOG.infof("%d owed case answers skipped: past tawasul.cases.retry-window or interrupted",
                                skipped);
                    }
                })
                .chain(() -> page(0, stillDown, sent))
                .invoke(() -> {
                    if (sent.get() > 0) {
                        LOG.infof("%d citizens answered after the case system came back", sent.get());
                    }
                })
                .onFailure().recoverWithUni(e -> {
                    return outage.logUnlessAbsorbed(LOG, e, "case follow-up pass failed");
                });
    }

    /**
     * The due rows after {@code afterId}, {@link #BATCH} at a time, until none is left or the case system is found
     * still down: every row owed when the system came back is answered in this pass, not {@code BATCH} per interval.
     */
    private Uni<Void> page(long afterId, AtomicBoolean stillDown, AtomicInteger sent) {
        return followUps.due(afterId, BATCH).chain(owed -> Sequential.each(owed, o -> stillDown.get()
                        ? Uni.createFrom().voidItem()
                        : tryOne(o).invoke(outcome -> {
                            if (outcome == Outcome.STILL_DOWN) {
                                stillDown.set(true);
                            } else if (outcome == Outcome.SENT) {
                                sent.incrementAndGet();
                            }
                        }))
                .chain(() -> owed.size() < BATCH || stillDown.get() ? Uni.createFrom().voidItem()
                        : page(owed.get(owed.size() - 1).inboundId(), stillDown, sent)));
    }

    private enum Outcome { SENT, SKIPPED, STILL_DOWN }

    private Uni<Outcome> tryOne(CaseFollowUps.Owed owed) {
        return followUps.claim(owed.inboundId(), window).chain(claim -> {
            if (claim.isEmpty()) {
                return Uni.createFrom().item(Outcome.SKIPPED);
            }
            if (!claim.get().claimed()) {
                counted(claim.get().reason());
                return Uni.createFrom().item(Outcome.SKIPPED);
            }
            return lookUp(owed.caseNumbers()).chain(results -> {
                if (results.stream().anyMatch(r -> r instanceof CaseLookupResult.Unavailable)) {
                    return followUps.release(owed.inboundId(), interval).replaceWith(Outcome.STILL_DOWN);
                }
                return conversations.find(owed.conversationId()).chain(c -> c.isEmpty()
                        ? followUps.skip(owed.inboundId(), CaseFollowUps.NOT_ANSWERED).replaceWith(Outcome.SKIPPED)
                        : answer(owed, c.get(), results));
            });
        });
    }

    private Uni<Outcome> answer(CaseFollowUps.Owed owed, ConversationView c, List<CaseLookupResult> results) {
        return gate.review(CaseAccess.NONE, c.citizen(), results, owed.locale()).chain(access -> {
            var reply = composer.followUp(owed.caseNumbers(), results, c.citizen(), owed.locale(), access);
            return outbox.send(OutboundDraft.message(Origin.NOTIFICATION, c, reply.text(), reply.locale()))
                    .chain(outcome -> {
                        if (outcome instanceof SendOutcome.Queued queued) {
                            gate.afterReply(access, c.citizen()); // codes after the answer, detached
                            counted("SENT");
                            return followUps.sent(owed.inboundId(), queued.outboundId()).replaceWith(Outcome.SENT);
                        }
                        String reason = outcome instanceof SendOutcome.Refused refused ? refused.reason().name()
                                : "ALREADY_SENT";
                        counted(reason);
                        return followUps.skip(owed.inboundId(), reason).replaceWith(Outcome.SKIPPED);
                    });
        });
    }

    /** One after the other: lookups may share this context's Hibernate Reactive session, which is not concurrent. */
    private Uni<List<CaseLookupResult>> lookUp(List<String> numbers) {
        return Multi.createFrom().iterable(numbers).onItem().transformToUniAndConcatenate(cases::lookup)
                .collect().asList();
    }

    private void counted(String outcome) {
        metrics.counter("tawasul.cases.follow-ups", "outcome", outcome).increment();
    }
}
