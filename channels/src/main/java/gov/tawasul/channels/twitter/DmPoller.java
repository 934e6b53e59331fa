package gov.tawasul.channels.twitter;

import gov.tawasul.engine.EngineContext;
import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.model.InboundBatch;
import gov.tawasul.engine.model.InboundMessage;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * One poller's state and one poll pass over {@code GET /2/dm_events} (newest first): pages are read, following
 * {@code meta.next_token}, until an event at or before the {@link PollCursor} (or, with no cursor, older than the
 * initial look-back) or the last page; then every new DM is handed to the {@link Inbox} in one {@link InboundBatch}
 * (it orders them by time and deduplicates by event id) and the cursor moves to the newest event seen. A 429, or
 * {@code x-rate-limit-remaining: 0}, pauses the pass until {@code x-rate-limit-reset}; the next {@link #pollOnce}
 * after that resumes at the page where it stopped (a 5xx too; another 4xx starts the pass again from the cursor).
 * A restart loses only the unfinished pass: the next one starts again from the stored cursor. Not thread-safe: one
 * call at a time, on a Vert.x context.
 */
final class DmPoller {

    private static final Logger LOG = Logger.getLogger(DmPoller.class);
    /** Longest pass before the cursor moves (a backlog is caught up over several passes). */
    private static final int MAX_PAGES = 50;

    /**
     * What one {@link #pollOnce} did.
     *
     * @param status   done, paused by a rate limit, failed, or waiting for a reset
     * @param pages    pages fetched in this call
     * @param fed      DMs handed to the Inbox (0 unless the pass completed); the Inbox drops those it already has
     */
    record Outcome(Status status, int pages, int fed) {
        /** The kinds of outcome. */
        enum Status { DONE, RATE_LIMITED, WAITING, FAILED }
    }

    /** A pass not finished yet (rate limited between two pages). */
    private static final class Pass {
        final String cursor;
        String newest;
        String nextToken;
        int pages;
        final List<DmEventsPage.Event> events = new ArrayList<>();
        final Map<String, String> usernames = new HashMap<>();

        Pass(String cursor) {
            this.cursor = cursor;
        }
    }

    private final DmEventsClient client;
    private final Inbox inbox;
    private final PollCursor cursor;
    private final EngineContext context;
    private final String ourUserId;
    private final Duration initialLookback;
    private final Clock clock;
    private Pass pass;
    private Instant notBefore = Instant.EPOCH;

    DmPoller(DmEventsClient client, Inbox inbox, PollCursor cursor, EngineContext context, String ourUserId,
             Duration initialLookback, Clock clock) {
        this.client = client;
        this.inbox = inbox;
        this.cursor = cursor;
        this.context = context;
        this.ourUserId = ourUserId;
        this.initialLookback = initialLookback;
        this.clock = clock;
    }

    /** @return when the rate limit lets the next request go (EPOCH when it is not limited) */
    Instant notBefore() {
        return notBefore;
    }

    /** Runs (or resumes) one pass. Must be called on a Vert.x duplicated context. */
    Uni<Outcome> pollOnce() {
        if (clock.instant().isBefore(notBefore)) {
            return Uni.createFrom().item(new Outcome(Outcome.Status.WAITING, 0, 0));
        }
        Uni<Pass> current = pass != null ? Uni.createFrom().item(pass) : cursor.load().map(Pass::new);
        return current.chain(p -> {
            pass = p;
            return fetch(p, 0);
        });
    }

    private Uni<Outcome> fetch(Pass p, int fetched) {
        Executor here = context.currentContextExecutor();
        return client.page(p.nextToken).emitOn(here).chain(result -> {
            if (result.status() == 429) {
                notBefore = result.reset() != null ? result.reset() : clock.instant().plusSeconds(60);
                LOG.infof("X dm_events rate limited until %s", notBefore);
                return Uni.createFrom().item(new Outcome(Outcome.Status.RATE_LIMITED, fetched + 1, 0));
            }
            if (!result.ok()) {
                LOG.warnf("X dm_events failed: HTTP %d %s", result.status(), result.error());
                if (result.status() >= 400 && result.status() < 500) {
                    pass = null; // e.g. an expired pagination token: start again from the cursor
                }
                return Uni.createFrom().item(new Outcome(Outcome.Status.FAILED, fetched + 1, 0));
            }
            p.pages++;
            boolean reachedEnd = take(p, result.page());
            String next = result.page().meta() == null ? null : result.page().meta().nextToken();
            if (reachedEnd || next == null || p.pages >= MAX_PAGES) {
                return finish(p, fetched + 1);
            }
            p.nextToken = next;
            if (result.remaining() != null && result.remaining() <= 0 && result.reset() != null) {
                notBefore = result.reset();
                return Uni.createFrom().item(new Outcome(Outcome.Status.RATE_LIMITED, fetched + 1, 0));
            }
            return fetch(p, fetched + 1);
        });
    }

    /** Adds a page's new events to the pass; @return true when the pass met an event it already had. */
    private boolean take(Pass p, DmEventsPage page) {
        if (page.includes() != null && page.includes().users() != null) {
            page.includes().users().forEach(u -> p.usernames.put(u.id(), u.username()));
        }
        if (page.data() == null) {
            return false;
        }
        Instant oldest = clock.instant().minus(initialLookback);
        for (DmEventsPage.Event e : page.data()) {
            if (e.id() == null) {
                continue;
            }
            if (p.cursor != null ? PollCursor.compareIds(e.id(), p.cursor) <= 0
                    : DmEventsMapper.parse(e.createdAt(), clock.instant()).isBefore(oldest)) {
                return true;
            }
            if (p.newest == null || PollCursor.compareIds(e.id(), p.newest) > 0) {
                p.newest = e.id();
            }
            p.events.add(e);
        }
        return false;
    }

    private Uni<Outcome> finish(Pass p, int fetched) {
        Instant now = clock.instant();
        List<InboundMessage> messages = new ArrayList<>();
        for (DmEventsPage.Event e : p.events) {
            InboundMessage m = DmEventsMapper.map(e, ourUserId, p.usernames, now);
            if (m != null) {
                messages.add(m);
            }
        }
        return inbox.accept(InboundBatch.ofMessages(messages))
                .chain(() -> p.newest == null ? Uni.createFrom().voidItem() : cursor.store(p.newest))
                .invoke(() -> pass = null)
                .replaceWith(new Outcome(Outcome.Status.DONE, fetched, messages.size()));
    }
}
