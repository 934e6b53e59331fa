package gov.tawasul.app;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's bare endpoint exists only when {@code tawasul.bench.noop-endpoint=true}. */
class BenchNoopRouteTest {

    private Vertx vertx;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void enabledAnswersEmptyTwimlToAFormPost() throws Exception {
        HttpResponse<String> response = post(serve(true));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/xml");
    }

    @Test
    void disabledByDefaultLeavesNoRoute() throws Exception {
        assertThat(post(serve(false)).statusCode()).isEqualTo(404);
    }

    private int serve(boolean enabled) throws Exception {
        Router router = Router.router(vertx);
        new BenchNoopRoute(enabled).register(router);
        HttpServer server = vertx.createHttpServer().requestHandler(router);
        return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
    }

    private static HttpResponse<String> post(int port) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bench/noop"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("MessageSid=SM00000000000000000000000000000001&Body=1446-000123"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
