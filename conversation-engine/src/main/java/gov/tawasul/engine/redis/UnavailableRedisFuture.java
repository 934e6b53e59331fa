package gov.tawasul.engine.redis;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisFuture;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The answer to a command given while the app has never reached Redis ({@link DeferredRedisConnection}): already
 * failed with a {@link RedisConnectionException}, exactly as Lettuce fails a command while a connection it once had is
 * reconnecting, so every caller's outage handling applies unchanged.
 *
 * @param <T> the command's result type
 */
final class UnavailableRedisFuture<T> extends CompletableFuture<T> implements RedisFuture<T> {

    private final String error;

    UnavailableRedisFuture(String error) {
        this.error = error;
        completeExceptionally(new RedisConnectionException(error));
    }

    @Override
    public String getError() {
        return error;
    }

    @Override
    public boolean await(long timeout, TimeUnit unit) {
        return true;
    }
}
