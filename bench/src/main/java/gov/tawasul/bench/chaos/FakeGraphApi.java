package gov.tawasul.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Meta's Send API on loopback: {@code POST /v21.0/me/messages} with a JSON body
 * (https://developers.facebook.com/docs/messenger-platform/reference/send-api/) → 200
 * {@code {"recipient_id","message_id"}}; sender actions are answered without a message id. Fault mode: 500 with
 * Graph's transient error #2, 429 with #613 (https://developers.facebook.com/docs/messenger-platform/error-codes).
 */
final class FakeGraphApi {

    private final Vertx vertx;
    private final Ledger ledger;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong sequence = new AtomicLong();
    private volatile int faultStatus;
    private HttpServer server;

    FakeGraphApi(Vertx vertx, Ledger ledger) {
        this.vertx = vertx;
        this.ledger = ledger;
    }

    int start() {
        server = vertx.createHttpServer().requestHandler(this::handle);
        return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
    }

    /** 500, 429 or 0 (normal). */
    void fail(int status) {
        faultStatus = status;
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            if (!request.path().endsWith("/me/messages")) {
                request.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                        .end("{\"error\":{\"message\":\"Unknown path\",\"type\":\"OAuthException\",\"code\":803}}");
                return;
            }
            int fault = faultStatus;
            if (fault == 500) {
                request.response().setStatusCode(500).putHeader("Content-Type", "application/json")
                        .end("{\"error\":{\"message\":\"An unexpected error has occurred. Please retry your request later.\","
                                + "\"type\":\"OAuthException\",\"is_transient\":true,\"code\":2,\"fbtrace_id\":\"AChaosTrace\"}}");
                return;
            }
            if (fault == 429) {
                request.response().setStatusCode(429).putHeader("Content-Type", "application/json")
                        .end("{\"error\":{\"message\":\"(#613) Calls to this api have exceeded the rate limit.\","
                                + "\"type\":\"OAuthException\",\"is_transient\":true,\"code\":613,\"fbtrace_id\":\"AChaosTrace\"}}");
                return;
            }
            String psid;
            JsonNode message;
            try {
                JsonNode n = json.readTree(body.getBytes());
                psid = n.path("recipient").path("id").asText();
                message = n.get("message");
            } catch (Exception e) {
                request.response().setStatusCode(400).end("{\"error\":{\"message\":\"bad body\",\"code\":100}}");
                return;
            }
            if (message == null) {
                request.response().putHeader("Content-Type", "application/json")
                        .end("{\"recipient_id\":\"" + psid + "\"}");
                return;
            }
            String mid = String.format("m_chaos%024d", sequence.incrementAndGet());
            ledger.accepted("FACEBOOK", psid, message.path("text").asText(), mid);
            request.response().putHeader("Content-Type", "application/json; charset=UTF-8")
                    .end("{\"recipient_id\":\"" + psid + "\",\"message_id\":\"" + mid + "\"}");
        });
    }
}
