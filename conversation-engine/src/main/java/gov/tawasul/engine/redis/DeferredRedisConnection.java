package gov.tawasul.engine.redis;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The shared connection as the app's beans hold it, before and after Redis first answered. Until {@link #attach} it
 * stands in for a connection that is down: {@code async()} commands return an already failed future
 * ({@link UnavailableRedisFuture}), {@code sync()} commands throw {@link RedisConnectionException}, {@code isOpen()} is
 * false — the same failures Lettuce gives while a connection it had is reconnecting, which every caller already
 * handles (a cache miss, a lease not taken, readiness DOWN). After {@link #attach} every call goes to the real
 * connection. So the app starts while Redis is away and uses it from the moment it answers.
 */
final class DeferredRedisConnection implements InvocationHandler {

    private final String where;
    private volatile StatefulRedisConnection<String, String> real;

    private DeferredRedisConnection(String where) {
        this.where = where;
    }

    /** The handler and the connection it answers for. */
    record Deferred(DeferredRedisConnection handler, StatefulRedisConnection<String, String> connection) {
    }

    /** @param where {@code host:port}, named in the failures */
    @SuppressWarnings("unchecked")
    static Deferred create(String where) {
        DeferredRedisConnection handler = new DeferredRedisConnection(where);
        return new Deferred(handler, (StatefulRedisConnection<String, String>) Proxy.newProxyInstance(
                DeferredRedisConnection.class.getClassLoader(), new Class<?>[]{StatefulRedisConnection.class}, handler));
    }

    /** From now on every call goes to {@code connection}. */
    void attach(StatefulRedisConnection<String, String> connection) {
        this.real = connection;
    }

    /** @return the real connection, or null while Redis has not answered yet */
    StatefulRedisConnection<String, String> real() {
        return real;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        StatefulRedisConnection<String, String> connection = real;
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "Redis connection to " + where + (connection == null ? " (not connected yet)" : "");
            };
        }
        if (connection != null) {
            return call(connection, method, args);
        }
        return switch (method.getName()) {
            case "async" -> commands(RedisAsyncCommands.class);
            case "sync" -> commands(RedisCommands.class);
            case "isOpen" -> false;
            case "close", "closeAsync", "setTimeout", "addListener", "removeListener" -> method.getReturnType()
                    == java.util.concurrent.CompletableFuture.class
                    ? java.util.concurrent.CompletableFuture.completedFuture(null) : null;
            default -> throw unavailable();
        };
    }

    private RedisConnectionException unavailable() {
        return new RedisConnectionException("Redis at " + where + " has not answered since the app started");
    }

    private Object commands(Class<?> type) {
        return Proxy.newProxyInstance(DeferredRedisConnection.class.getClassLoader(), new Class<?>[]{type},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("equals") ? proxy == args[0]
                                : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : type.getSimpleName();
                    }
                    StatefulRedisConnection<String, String> connection = real;
                    if (connection != null) { // attached since these commands were handed out
                        return call(type == RedisAsyncCommands.class ? connection.async() : connection.sync(),
                                method, args);
                    }
                    if (RedisFuture.class.isAssignableFrom(method.getReturnType())) {
                        return new UnavailableRedisFuture<>(unavailable().getMessage());
                    }
                    throw unavailable();
                });
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
