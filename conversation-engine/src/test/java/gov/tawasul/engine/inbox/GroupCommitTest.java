package gov.tawasul.engine.inbox;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link GroupCommit} on a plain Vert.x: who is grouped with whom, results per caller, failures, contexts. */
class GroupCommitTest {

    static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** A writer that records each group it was given and answers every item doubled. */
    static final class Recording implements Function<List<Integer>, Uni<List<Integer>>> {
        final List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());
        volatile RuntimeException failWith;

        @Override
        public Uni<List<Integer>> apply(List<Integer> items) {
            groups.add(List.copyOf(items));
            if (failWith != null) {
                return Uni.createFrom().failure(failWith);
            }
            return Uni.createFrom().item(items.stream().map(i -> i * 2).toList());
        }
    }

    /** Submits {@code items} from a Vert.x event-loop context, as a webhook does. */
    static CompletableFuture<List<Integer>> submitOnContext(Context context, GroupCommit<Integer, Integer> commit,
                                                            List<Integer> items, List<Context> completedOn) {
        CompletableFuture<List<Integer>> done = new CompletableFuture<>();
        context.runOnContext(ignored -> commit.submit(items).subscribe().with(r -> {
            completedOn.add(Vertx.currentContext());
            done.complete(r);
        }, done::completeExceptionally));
        return done;
    }

    @Test
    void callersWithinTheWindowShareOneWriteAndEachGetsItsOwnResultsOnItsOwnContext() throws Exception {
        Recording writer = new Recording();
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(vertx, Duration.ofMillis(200), 64, writer);
        Context a = vertx.getOrCreateContext();
        Context b = vertx.getOrCreateContext();
        List<Context> completedOn = Collections.synchronizedList(new ArrayList<>());

        CompletableFuture<List<Integer>> first = submitOnContext(a, commit, List.of(1, 2), completedOn);
        CompletableFuture<List<Integer>> second = submitOnContext(b, commit, List.of(3), completedOn);

        assertThat(first.get(5, TimeUnit.SECONDS)).containsExactly(2, 4);
        assertThat(second.get(5, TimeUnit.SECONDS)).containsExactly(6);
        assertThat(writer.groups).containsExactly(List.of(1, 2, 3));
        assertThat(completedOn).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void aFullGroupIsWrittenAtOnceAndTheNextOneWaitsForItsOwnWindow() throws Exception {
        Recording writer = new Recording();
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(vertx, Duration.ofSeconds(30), 3, writer);
        Context a = vertx.getOrCreateContext();
        List<Context> completedOn = Collections.synchronizedList(new ArrayList<>());

        long began = System.nanoTime();
        CompletableFuture<List<Integer>> first = submitOnContext(a, commit, List.of(1, 2), completedOn);
        CompletableFuture<List<Integer>> second = submitOnContext(a, commit, List.of(3, 4), completedOn);
        assertThat(first.get(5, TimeUnit.SECONDS)).containsExactly(2, 4);
        assertThat(second.get(5, TimeUnit.SECONDS)).containsExactly(6, 8);
        assertThat(System.nanoTime() - began).as("written by size, not after the 30 s window")
                .isLessThan(TimeUnit.SECONDS.toNanos(5));
        assertThat(writer.groups).containsExactly(List.of(1, 2, 3, 4));

        // a caller's items are never split, however many: a group of 5 for a limit of 3
        CompletableFuture<List<Integer>> big = submitOnContext(a, commit, List.of(5, 6, 7, 8, 9), completedOn);
        assertThat(big.get(5, TimeUnit.SECONDS)).containsExactly(10, 12, 14, 16, 18);
        assertThat(writer.groups).hasSize(2);
    }

    @Test
    void aFailedWriteFailsEveryCallerOfItsGroupAndOnlyThose() throws Exception {
        Recording writer = new Recording();
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(vertx, Duration.ofMillis(200), 64, writer);
        Context a = vertx.getOrCreateContext();
        List<Context> completedOn = Collections.synchronizedList(new ArrayList<>());
        writer.failWith = new IllegalStateException("connection closed");

        CompletableFuture<List<Integer>> first = submitOnContext(a, commit, List.of(1), completedOn);
        CompletableFuture<List<Integer>> second = submitOnContext(a, commit, List.of(2), completedOn);
        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("connection closed");
        assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("connection closed");
        assertThat(writer.groups).containsExactly(List.of(1, 2));

        writer.failWith = null;
        assertThat(submitOnContext(a, commit, List.of(3), completedOn).get(5, TimeUnit.SECONDS)).containsExactly(6);
    }

    @Test
    void aZeroWindowWritesEachCallerAlone() throws Exception {
        Recording writer = new Recording();
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(vertx, Duration.ZERO, 64, writer);
        Context a = vertx.getOrCreateContext();
        List<Context> completedOn = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<List<Integer>> first = submitOnContext(a, commit, List.of(1), completedOn);
        CompletableFuture<List<Integer>> second = submitOnContext(a, commit, List.of(2), completedOn);
        assertThat(first.get(5, TimeUnit.SECONDS)).containsExactly(2);
        assertThat(second.get(5, TimeUnit.SECONDS)).containsExactly(4);
        assertThat(writer.groups).containsExactly(List.of(1), List.of(2));
    }
}
