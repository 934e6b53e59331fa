package gov.tawasul.engine;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.function.Function;

/**
 * Runs an asynchronous step for each item of a list, one after the other (each starts when the previous one
 * completed), without building a chain as deep as the list: a webhook batch may carry thousands of items, and a
 * chain of that many {@code Uni}s overflows the stack.
 */
public final class Sequential {

    private Sequential() {
    }

    /** @return completes after {@code step} completed for every item, in order; fails at the first failure */
    public static <T> Uni<Void> each(List<T> items, Function<T, Uni<?>> step) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (items.size() == 1) {
            return step.apply(items.get(0)).replaceWithVoid();
        }
        return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(step::apply)
                .collect().last().replaceWithVoid();
    }
}
