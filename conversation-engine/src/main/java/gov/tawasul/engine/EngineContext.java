package gov.tawasul.engine;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Where engine work runs. Hibernate Reactive needs a safe duplicated Vert.x context and its event loop;
 * provider SDKs block and need a worker thread. This class gives both.
 */
@ApplicationScoped
public class EngineContext {

    private final Vertx vertx;

    EngineContext(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Runs {@code work} on a new safe duplicated context (its own Hibernate Reactive session), detached from the
     * caller. Failures are passed to {@code onFailure}.
     */
    public void runDetached(Supplier<Uni<?>> work, java.util.function.Consumer<Throwable> onFailure) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> {
            try {
                work.get().subscribe().with(item -> { }, onFailure);
            } catch (RuntimeException e) {
                onFailure.accept(e);
            }
        });
    }

    /**
     * Runs blocking {@code call} on a worker thread; the returned Uni emits on the calling Vert.x context.
     * Must be called on a Vert.x context.
     */
    public <T> Uni<T> blocking(Callable<T> call) {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("blocking() must be called on a Vert.x context");
        }
        return Uni.createFrom().completionStage(() -> context.<T>executeBlocking(call, false).toCompletionStage());
    }

    /** @return an executor that runs tasks on the current Vert.x context (to come back from Lettuce threads). */
    public Executor currentContextExecutor() {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("no Vert.x context");
        }
        return task -> context.runOnContext(ignored -> task.run());
    }
}
