package gov.tawasul.engine.inbox;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Group commit: what concurrent callers submit within a short window is written by one call of the writer (one
 * multi-row statement) instead of one statement per item. The first item of a group opens it; the group is written
 * when {@code window} has passed since, or at once when it holds {@code maxItems} items or more (a caller's items
 * are never split). Each caller's {@link Uni} completes after the group's write completed — with the results of its
 * own items, in its order — on the Vert.x context it submitted from; when the write fails, every caller of the
 * group gets that failure (a webhook answers 5xx, the provider retries). A {@code window} of zero writes each
 * caller's items at once, alone.
 * <p>
 * Thread-safe: callers come from every event loop. The writer runs on the event loop of the caller that filled
 * the group or of the one whose submission armed the window's timer.
 *
 * @param <T> what is written
 * @param <R> the writer's result per item
 */
final class GroupCommit<T, R> {

    private final Vertx vertx;
    private final long windowMillis;
    private final int maxItems;
    private final Function<List<T>, Uni<List<R>>> writer;

    private List<Waiting<T, R>> open = new ArrayList<>();
    private int openItems;
    private boolean timerArmed;
    /** Counts the groups taken, so that a timer armed for a group already written by size leaves the next alone. */
    private long generation;

    /**
     * @param window   how long the first item of a group waits for others (millisecond resolution); zero: no grouping
     * @param maxItems a group this large is written at once
     * @param writer   writes the items in the order given; its list has one result per item, in that order
     */
    GroupCommit(Vertx vertx, Duration window, int maxItems, Function<List<T>, Uni<List<R>>> writer) {
        if (window.isNegative() || maxItems < 1) {
            throw new IllegalArgumentException("window must not be negative, maxItems positive");
        }
        this.vertx = vertx;
        this.windowMillis = window.isZero() ? 0 : Math.max(1, window.toMillis());
        this.maxItems = maxItems;
        this.writer = writer;
    }

    /** @return the results of {@code items}, in their order, once the group they went into was written */
    Uni<List<R>> submit(List<T> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        if (windowMillis == 0) {
            return writer.apply(items);
        }
        return Uni.createFrom().emitter(emitter -> enqueue(new Waiting<>(items, emitter, Vertx.currentContext())));
    }

    private void enqueue(Waiting<T, R> waiting) {
        List<Waiting<T, R>> full = null;
        long armFor = -1;
        synchronized (this) {
            open.add(waiting);
            openItems += waiting.items.size();
            if (openItems >= maxItems) {
                full = take();
            } else if (!timerArmed) {
                timerArmed = true;
                armFor = generation;
            }
        }
        if (full != null) {
            write(full);
        } else if (armFor >= 0) {
            long group = armFor;
            vertx.setTimer(windowMillis, id -> {
                List<Waiting<T, R>> due;
                synchronized (this) {
                    if (generation != group) {
                        return; // written already, because it was full
                    }
                    due = take();
                }
                write(due);
            });
        }
    }

    /** @return the open group, which is closed; the next submission opens a new one (under the lock) */
    private List<Waiting<T, R>> take() {
        List<Waiting<T, R>> group = open;
        open = new ArrayList<>();
        openItems = 0;
        timerArmed = false;
        generation++;
        return group;
    }

    private void write(List<Waiting<T, R>> group) {
        List<T> all = new ArrayList<>();
        for (Waiting<T, R> w : group) {
            all.addAll(w.items);
        }
        Uni<List<R>> written;
        try {
            written = writer.apply(all);
        } catch (RuntimeException e) {
            written = Uni.createFrom().failure(e);
        }
        written.subscribe().with(results -> {
            if (results.size() != all.size()) {
                IllegalStateException wrong = new IllegalStateException(
                        "the writer gave " + results.size() + " results for " + all.size() + " items");
                group.forEach(w -> w.fail(wrong));
                return;
            }
            int from = 0;
            for (Waiting<T, R> w : group) {
                int to = from + w.items.size();
                w.complete(Collections.unmodifiableList(new ArrayList<>(results.subList(from, to))));
                from = to;
            }
        }, failure -> group.forEach(w -> w.fail(failure)));
    }

    /** One caller's items and how to hand it its results on its own context. */
    private record Waiting<T, R>(List<T> items, UniEmitter<? super List<R>> emitter, Context context) {

        void complete(List<R> results) {
            on(() -> emitter.complete(results));
        }

        void fail(Throwable failure) {
            on(() -> emitter.fail(failure));
        }

        private void on(Runnable action) {
            if (context == null) {
                action.run();
            } else {
                context.runOnContext(ignored -> action.run());
            }
        }
    }
}
