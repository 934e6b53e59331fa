package gov.tawasul.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * X's v1.1 DM send on loopback: {@code POST /1.1/direct_messages/events/new.json}
 * (https://developer.x.com/en/docs/x-api/v1/direct-messages/sending-and-receiving/api-reference/new-event) → 200
 * with the created event. Fault mode: 500 code 131 (internal error), 429 code 88 with the rate-limit headers
 * (https://developer.x.com/en/support/x-api/error-troubleshooting).
 */
final class FakeXApi {

    static final String BOT_ID = "1000000000000000001";

    private final Vertx vertx;
    private final Ledger ledger;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong sequence = new AtomicLong();
    private volatile int faultStatus;
    private HttpServer server;

    FakeXApi(Vertx vertx, Ledger ledger) {
        this.vertx = vertx;
        this.ledger = ledger;
    }

    int start() {
        server = vertx.createHttpServer().requestHandler(this::handle);
        return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
    }

    void fail(int status) {
        faultStatus = status;
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            if (!request.path().endsWith("/direct_messages/events/new.json")) {
                request.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                        .end("{\"errors\":[{\"code\":34,\"message\":\"Sorry, that page does not exist.\"}]}");
                return;
            }
            int fault = faultStatus;
            if (fault == 500) {
                request.response().setStatusCode(500).putHeader("Content-Type", "application/json;charset=utf-8")
                        .end("{\"errors\":[{\"code\":131,\"message\":\"Internal error\"}]}");
                return;
            }
            if (fault == 429) {
                request.response().setStatusCode(429).putHeader("Content-Type", "application/json;charset=utf-8")
                        .putHeader("x-rate-limit-limit", "1000").putHeader("x-rate-limit-remaining", "0")
                        .putHeader("x-rate-limit-reset", Long.toString(System.currentTimeMillis() / 1000 + 5))
                        .end("{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}");
                return;
            }
            JsonNode create;
            try {
                create = json.readTree(body.getBytes()).path("event").path("message_create");
            } catch (Exception e) {
                request.response().setStatusCode(400).end("{\"errors\":[{\"code\":214,\"message\":\"bad body\"}]}");
                return;
            }
            String to = create.path("target").path("recipient_id").asText();
            String text = create.path("message_data").path("text").asText();
            String id = Long.toString(1_500_000_000_000_000_000L + sequence.incrementAndGet());
            ledger.accepted("TWITTER", to, text, id);
            ObjectNode event = json.createObjectNode();
            ObjectNode e = event.putObject("event");
            e.put("type", "message_create");
            e.put("id", id);
            e.put("created_timestamp", Long.toString(System.currentTimeMillis()));
            ObjectNode mc = e.putObject("message_create");
            mc.putObject("target").put("recipient_id", to);
            mc.put("sender_id", BOT_ID);
            mc.put("source_app_id", "268278");
            ObjectNode data = mc.putObject("message_data");
            data.put("text", text);
            ObjectNode entities = data.putObject("entities");
            entities.putArray("hashtags");
            entities.putArray("symbols");
            entities.putArray("user_mentions");
            entities.putArray("urls");
            request.response().setStatusCode(200).putHeader("Content-Type", "application/json;charset=utf-8")
                    .putHeader("x-access-level", "read-write-directmessages").end(event.toString());
        });
    }
}
