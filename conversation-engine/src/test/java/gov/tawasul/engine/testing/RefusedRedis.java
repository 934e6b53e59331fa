package gov.tawasul.engine.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.net.URI;
import java.util.Map;

/**
 * A test resource: the app's Redis is the test Redis ({@code TAWASUL_TEST_REDIS_URL}) behind a {@link TcpProxy} that
 * refuses every connection from before the app starts, until a test lets it through ({@link #proxy()}
 * {@code .refuse(false)}). Sets {@code tawasul.redis.url}.
 */
public class RefusedRedis implements QuarkusTestResourceLifecycleManager {

    /** The test Redis behind the proxy. */
    public static final URI REDIS = URI.create(System.getenv().getOrDefault("TAWASUL_TEST_REDIS_URL",
            "redis://localhost:6379/1"));
    private static volatile TcpProxy proxy;

    /** @return the proxy of the running test application */
    public static TcpProxy proxy() {
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        try {
            proxy = new TcpProxy(REDIS.getPort() > 0 ? REDIS.getPort() : 6379);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        proxy.refuse(true);
        return Map.of("tawasul.redis.url", "redis://127.0.0.1:" + proxy.port() + REDIS.getPath());
    }

    @Override
    public void stop() {
        proxy.close();
    }
}
