package gov.tawasul.engine.processing;

import gov.tawasul.engine.EngineConfig;
import gov.tawasul.engine.EngineContext;
import gov.tawasul.engine.redis.ConversationLock;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Executor;

/**
 * Answers the stored, not yet answered inbound messages of a conversation, one at a time in arrival order,
 * different conversations in parallel, at most {@code tawasul.engine.max-concurrent-conversations} at once on this
 * instance (the others wait in arrival order), so that answering never starves webhook acknowledgements of
 * database connections. Within this instance, requests for a conversation already being drained
 * are coalesced; across instances a Redis lease ({@link ConversationLock}) makes one instance the drainer.
 * A conversation whose lease is held elsewhere is retried shortly, and the {@link RecoveryJob} is the backstop.
 */
@ApplicationScoped
public class ConversationProcessor {

    private static final Logger LOG = Logger.getLogger(ConversationProcessor.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final int MAX_PER_LEASE = 10;

    private final EngineContext context;
    private final ConversationLock lock;
    private final InboundHandler handler;
    private final int maxRunning;
    /** Conversations running or waiting here; the value says whether new work arrived meanwhile. */
    private final ConcurrentHashMap<Long, Boolean> active = new ConcurrentHashMap<>();
    /** Conversations waiting for a free slot, in arrival order. */
    private final ConcurrentLinkedQueue<Long> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running = new AtomicInteger();

    public ConversationProcessor(EngineContext context, ConversationLock lock, InboundHandler handler,
                                 EngineConfig config) {
        this.context = context;
        this.lock = lock;
        this.handler = handler;
        this.maxRunning = config.maxConcurrentConversations();
    }

    /** Asks for the conversation to be drained soon; returns at once. */
    public void schedule(long conversationId) {
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
        while (true) {
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
                LOG.errorf(e, "conversation %d: processing failed, the recovery job will retry", conversationId);
                active.remove(conversationId);
            });
        }
    }

    private void slotFreed() {
        running.decrementAndGet();
        startWaiting();
    }

    private Uni<Void> drain(long conversationId) {
        Executor here = context.currentContextExecutor();
        return lock.acquire(conversationId, LEASE).emitOn(here).chain(token -> {
            if (token == null) {
                active.remove(conversationId);
                return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(500))
                        .invoke(() -> {
                            LOG.debugf("conversation %d: lease held elsewhere, retrying", conversationId);
                            schedule(conversationId);
                        });
            }
            return processUpTo(conversationId, MAX_PER_LEASE)
                    .onTermination().call(() -> lock.release(conversationId, token).emitOn(here)
                            .onFailure().recoverWithNull())
                    .chain(() -> finishOrContinue(conversationId));
        });
    }

    private Uni<Void> processUpTo(long conversationId, int remaining) {
        if (remaining == 0) {
            active.put(conversationId, Boolean.TRUE);
            return Uni.createFrom().voidItem();
        }
        return handler.handleNext(conversationId).chain(more -> more
                ? processUpTo(conversationId, remaining - 1)
                : Uni.createFrom().voidItem());
    }

    private Uni<Void> finishOrContinue(long conversationId) {
        Boolean again = active.compute(conversationId, (id, dirty) -> Boolean.TRUE.equals(dirty) ? Boolean.FALSE : null);
        return again == null ? Uni.createFrom().voidItem() : drain(conversationId);
    }
}
