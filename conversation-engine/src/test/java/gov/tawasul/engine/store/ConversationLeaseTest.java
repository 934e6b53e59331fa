package gov.tawasul.engine.store;

import gov.tawasul.engine.testing.EngineTestProfile;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-conversation lease on the conversation row (V26), as two instances ({@code A}, {@code B}) see it through
 * {@link InboundMessages#nextPending}: one holds it at a time, its holder renews it, it lapses, it is given up when
 * nothing waits or by {@link Conversations#releaseLease}, and of two claims at the same moment exactly one wins.
 * The messages are stored "in the future", so that the recovery job never schedules them for the app's own
 * instance meanwhile.
 */
@QuarkusTest
@TestProfile(EngineTestProfile.class)
class ConversationLeaseTest {

    private static final Duration LEASE = Duration.ofSeconds(60);

    @Inject
    InboundMessages inbound;
    @Inject
    Conversations conversations;

    private static <T> T onContext(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /** @return a new conversation with one {@code RECEIVED} message: {conversation id, message id} */
    private static long[] conversationWithAMessage() {
        String citizen = "+9665" + (10000000 + (int) (Math.random() * 89999999));
        long conversation = ((Number) TestDb.value("""
                insert into conversation (channel, citizen_address, bot_address, last_inbound_at)
                values ('SMS', ?, '+15555550199', now()) returning id""", citizen)).longValue();
        long message = ((Number) TestDb.value("""
                insert into inbound_message (conversation_id, channel, provider_message_id, kind, text, sent_at,
                                             received_at)
                values (?, 'SMS', ?, 'TEXT', 'hello', now(), now() + interval '1 hour') returning id""",
                conversation, "SM" + UUID.randomUUID().toString().replace("-", ""))).longValue();
        return new long[]{conversation, message};
    }

    private InboundMessages.Next next(long conversation, String owner) {
        return onContext(() -> inbound.nextPending(conversation, owner, LEASE));
    }

    private static Object owner(long conversation) {
        return TestDb.value("select lease_owner from conversation where id = ?", conversation);
    }

    @Test
    void oneInstanceHoldsTheLeaseUntilItGivesItUpOrItLapses() {
        long[] c = conversationWithAMessage();

        InboundMessages.Next a = next(c[0], "A");
        assertThat(a.claimed()).isTrue();
        assertThat(a.next()).hasValueSatisfying(p -> {
            assertThat(p.id()).isEqualTo(c[1]);
            assertThat(p.claimedBy()).isEqualTo("A");
            assertThat(p.moreWaiting()).isFalse();
        });
        assertThat(owner(c[0])).isEqualTo("A");
        double seconds = ((Number) TestDb.value(
                "select extract(epoch from lease_until - now()) from conversation where id = ?", c[0])).doubleValue();
        assertThat(seconds).as("the lease holds 60 s").isBetween(50.0, 60.0);

        InboundMessages.Next b = next(c[0], "B");
        assertThat(b.claimed()).as("held by A").isFalse();
        assertThat(b.next()).isEmpty();
        assertThat(onContext(() -> conversations.releaseLease(c[0], "B"))).as("B holds nothing").isFalse();
        assertThat(owner(c[0])).isEqualTo("A");

        assertThat(next(c[0], "A").next()).as("A renews its lease and reads the message again")
                .hasValueSatisfying(p -> assertThat(p.id()).isEqualTo(c[1]));

        // A died: its lease lapses, B takes the conversation over
        TestDb.execute("update conversation set lease_until = now() - interval '1 second' where id = ?", c[0]);
        assertThat(next(c[0], "B").next()).hasValueSatisfying(p -> assertThat(p.claimedBy()).isEqualTo("B"));
        assertThat(owner(c[0])).isEqualTo("B");
        assertThat(next(c[0], "A").claimed()).as("A, back, finds B holding it").isFalse();

        assertThat(onContext(() -> conversations.releaseLease(c[0], "B"))).isTrue();
        assertThat(owner(c[0])).isNull();
        assertThat(next(c[0], "A").next()).as("free again").isPresent();
    }

    @Test
    void theReadThatFindsNothingWaitingGivesTheLeaseUp() {
        long[] c = conversationWithAMessage();
        assertThat(next(c[0], "A").next()).isPresent();
        TestDb.execute("update inbound_message set state = 'ANSWERED' where id = ?", c[1]);

        assertThat(next(c[0], "B")).as("nothing waits: nothing to claim")
                .isEqualTo(new InboundMessages.Next(true, java.util.Optional.empty()));
        assertThat(owner(c[0])).as("B's read leaves A's lease alone").isEqualTo("A");

        assertThat(next(c[0], "A").next()).isEmpty();
        assertThat(owner(c[0])).as("A's own read gives it up").isNull();
        assertThat(TestDb.value("select lease_until from conversation where id = ?", c[0])).isNull();
    }

    @Test
    void ofTwoInstancesClaimingAtOnceExactlyOneGetsTheMessage() {
        for (int round = 0; round < 20; round++) {
            long[] c = conversationWithAMessage();
            List<CompletableFuture<InboundMessages.Next>> claims = new ArrayList<>();
            for (String owner : List.of("A", "B")) {
                claims.add(CompletableFuture.supplyAsync(() -> next(c[0], owner)));
            }
            List<InboundMessages.Next> results = claims.stream().map(CompletableFuture::join).toList();
            assertThat(results.stream().filter(n -> n.next().isPresent()).count())
                    .as("round %d: %s", round, results).isEqualTo(1);
            String winner = results.get(0).next().isPresent() ? "A" : "B";
            assertThat(owner(c[0])).isEqualTo(winner);
        }
    }
}
