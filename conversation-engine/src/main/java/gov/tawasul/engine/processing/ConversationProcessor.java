package gov.tawasul.engine.processing;

import gov.tawasul.engine.EngineConfig;
import gov.tawasul.engine.EngineContext;
import gov.tawasul.engine.redis.RedisOutage;
import gov.tawasul.engine.store.Conversations;
import gov.tawasul.engine.store.DatabaseOutage;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers the stored, not yet answered inbound messages of a conversation, one at a time in arrival order,
 * different conversations in parallel, at most {@code tawasul.engine.max-concurrent-conversations} at once on this
 * instance (the others wait in arrival order), so that answering never starves webhook acknowledgements of
 * database connections. Within this instance, requests for a conversation already being drained
 * are coalesced; across instances a lease on the conversation row makes one instance the drainer: taken and renewed
 * by the statement that reads the next message ({@link InboundHandler#handleNext}), given up by the statement that
 * stores the provider's answer to the reply of the last waiting message (else by
 * {@link Conversations#releaseLease} when the drain ends), lapsing after {@value #LEASE_SECONDS} s when its holder
 * died. A conversation whose lease is held elsewhere is retried shortly, and the {@link RecoveryJob} is the backstop
 * (a crashed instance's conversations are answered once their leases lapsed).
 */
@ApplicationScoped
public class ConversationProcessor {

    private static final Logger LOG = Logger.getLogger(ConversationProcessor.class);
    static final int LEASE_SECONDS = 60;
    private static final Duration LEASE = Duration.ofSeconds(LEASE_SECONDS);
    private static final int MAX_PER_LEASE = 10;

    private final EngineContext context;
    private final Conversations conversations;
    private final InboundHandler handler;
    private final DatabaseOutage databaseOutage;
    private final RedisOutage redisOutage;
    /** This instance's lease owner id: a new one per process, so that a restarted instance waits for its leases. */
    private final String owner = java.util.UUID.randomUUID().toString();
    private final int maxRunning;
    /** Conversations running or waiting here; the value says whether new work arrived meanwhile. */
    private final ConcurrentHashMap<Long, Boolean> active = new ConcurrentHashMap<>();
    /** Conversations waiting for a free slot, in arrival order. */
    private final ConcurrentLinkedQueue<Long> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running = new AtomicInteger();
    private final Duration shutdownDrain;
    /** Set when shutdown begins: nothing new starts, a running conversation stops after its current message. */
    private volatile boolean stopping;

    public ConversationProcessor(EngineContext context, Conversations conversations, InboundHandler handler,
                                 EngineConfig config, DatabaseOutage databaseOutage,
                                 RedisOutage redisOutage) {
        this.context = context;
        this.conversations = conversations;
        this.handler = handler;
        this.databaseOutage = databaseOutage;
        this.redisOutage = redisOutage;
        this.maxRunning = config.maxConcurrentConversations();
        this.shutdownDrain = config.shutdownDrain();
    }

    /**
     * Graceful shutdown, before the other beans stop (the database pool is still there, leases are given up): no
     * conversation starts any more, and this waits up to {@code tawasul.engine.shutdown-drain} for the running ones
     * to finish the message they are answering (a reply whose send began is finished, so that it is not left
     * interrupted). What is left is stored and answered elsewhere ({@link RecoveryJob}). Runs on the shutdown thread.
     */
    void drainOnShutdown(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
        long deadline = System.nanoTime() + shutdownDrain.toNanos();
        int atStart = running.get();
        while (running.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (atStart > 0 || running.get() > 0) {
            LOG.infof("shutdown: %d conversation(s) were being answered, %d still running after %d ms; %d waiting "
                    + "left to the other instances", atStart, running.get(), shutdownDrain.toMillis(), waiting.size());
        }
    }

    /** Asks for the conversation to be drained soon; returns at once. */
    public void schedule(long conversationId) {
        if (stopping) {
            return;
        }
        boolean[] added = {false};
        active.compute(conversationId, (id, dirty) -> {
            if (dirty == null) {
                added[0] = true;
                return Boolean.FALSE;
            }
            return Boolean.TRUE;
        });
        if (added[0]) {
            waiting.add(conversationId);
            startWaiting();
        }
    }

    /** @return true while this instance is draining the conversation or has it waiting */
    public boolean isActive(long conversationId) {
        return active.containsKey(conversationId);
    }

    private void startWaiting() {
        while (!stopping) {
            int now = running.get();
            if (now >= maxRunning) {
                return;
            }
            if (!running.compareAndSet(now, now + 1)) {
                continue;
            }
            Long next = waiting.poll();
            if (next == null) {
                running.decrementAndGet();
                if (waiting.isEmpty()) {
                    return;
                }
                continue;
            }
            long conversationId = next;
            context.runDetached(() -> drain(conversationId).onTermination().invoke(this::slotFreed), e -> {
                if (!databaseOutage.absorbed(e) && !redisOutage.absorbed(e)) { // an outage is logged there, once
                    LOG.errorf(e, "conversation %d: processing failed, the recovery job will retry", conversationId);
                }
                active.remove(conversationId);
            });
        }
    }

    private void slotFreed() {
        running.decrementAndGet();
        startWaiting();
    }

    private Uni<Void> drain(long conversationId) {
        return processUpTo(conversationId, MAX_PER_LEASE).chain(last -> {
            if (!last.claimed()) {
                active.remove(conversationId);
                return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(500))
                        .invoke(() -> {
                            LOG.debugf("conversation %d: lease held elsewhere, retrying", conversationId);
                            schedule(conversationId);
                        });
            }
            // kept when more wait and the drain goes on at once (the next read renews it)
            boolean keep = last.leaseReleased() || last.handled() && last.moreWaiting() && !stopping;
            Uni<Void> released = keep ? Uni.createFrom().voidItem()
                    : conversations.releaseLease(conversationId, owner).onFailure().recoverWithNull().replaceWithVoid();
            return released.chain(() -> finishOrContinue(conversationId));
        });
    }

    /**
     * Handles up to {@code remaining} messages of the conversation, one after the other.
     *
     * @return the last turn: whether the lease was this instance's, and whether it was given up already
     */
    private Uni<InboundHandler.Turn> processUpTo(long conversationId, int remaining) {
        return handler.handleNext(conversationId, owner, LEASE).chain(turn -> {
            if (!turn.handled() || !turn.moreWaiting() || stopping) {
                return Uni.createFrom().item(turn);
            }
            if (remaining <= 1) {
                active.put(conversationId, Boolean.TRUE);
                return Uni.createFrom().item(turn);
            }
            return processUpTo(conversationId, remaining - 1);
        });
    }

    private Uni<Void> finishOrContinue(long conversationId) {
        if (stopping) {
            active.remove(conversationId);
            return Uni.createFrom().voidItem();
        }
        Boolean again = active.compute(conversationId, (id, dirty) -> Boolean.TRUE.equals(dirty) ? Boolean.FALSE : null);
        return again == null ? Uni.createFrom().voidItem() : drain(conversationId);
    }
}
