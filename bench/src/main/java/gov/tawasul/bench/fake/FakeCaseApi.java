package gov.tawasul.bench.fake;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agency's case-management API on loopback, in the contract of issue 2 (README "Case-management API contract"):
 * {@code GET /cases/{caseNumber}} → 200 with the case JSON, or 404. Bodies are generated once by
 * {@link gov.tawasul.bench.data.Dataset#caseBodies()}. Answers at once (no simulated latency).
 */
public final class FakeCaseApi {

    private final Vertx vertx;
    private final Map<String, String> bodies;
    private final AtomicLong lookups = new AtomicLong();
    private HttpServer server;
    private int port;

    public FakeCaseApi(Vertx vertx, Map<String, String> bodies) {
        this.vertx = vertx;
        this.bodies = bodies;
    }

    /** @return the bound port on 127.0.0.1 */
    public int start() {
        server = vertx.createHttpServer().requestHandler(this::handle);
        port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
        return port;
    }

    /**
     * Outage (bench/chaos): {@code true} closes the listening socket, so connections are refused; {@code false}
     * listens again on the same port.
     */
    public synchronized void refuseConnections(boolean refuse) {
        if (refuse && server != null) {
            server.close().toCompletionStage().toCompletableFuture().join();
            server = null;
        } else if (!refuse && server == null) {
            server = vertx.createHttpServer().requestHandler(this::handle);
            server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        }
    }

    /** @return lookups served since start */
    public long lookups() {
        return lookups.get();
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (request.method() != HttpMethod.GET || !path.startsWith("/cases/")) {
            request.response().setStatusCode(404).end();
            return;
        }
        lookups.incrementAndGet();
        String body = bodies.get(URLDecoder.decode(path.substring("/cases/".length()), StandardCharsets.UTF_8));
        if (body == null) {
            request.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                    .end("{\"error\":\"not_found\"}");
        } else {
            request.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body);
        }
    }
}
