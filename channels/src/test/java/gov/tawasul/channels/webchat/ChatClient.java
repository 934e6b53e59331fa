package gov.tawasul.channels.webchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A browser-like client of the chat socket for tests (JDK WebSocket, any Origin): frames in, frames out. */
final class ChatClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private ChatClient(URI uri, String origin) throws Exception {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        socket = builder.buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        frames.add(JSON.readTree(text.toString()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete(-1);
            }
        }).get(10, TimeUnit.SECONDS);
    }

    /** Opens {@code base}'s chat socket with {@code origin} (null: no Origin header). */
    static ChatClient open(URI base, String origin) throws Exception {
        return new ChatClient(URI.create(base.toString().replaceFirst("^http", "ws") + "chat/socket"), origin);
    }

    /** Sends a frame (JSON text). */
    ChatClient send(String frame) {
        socket.sendText(frame, true).join();
        return this;
    }

    /** Says hello; @return the welcome frame */
    JsonNode hello(String token) {
        send(token == null ? "{\"type\":\"hello\"}" : "{\"type\":\"hello\",\"token\":\"" + token + "\"}");
        return next("welcome");
    }

    /** @return the next frame of {@code type} within 10 s (frames of other types before it are dropped) */
    JsonNode next(String type) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try {
            while (System.nanoTime() < end) {
                JsonNode f = frames.poll(100, TimeUnit.MILLISECONDS);
                if (f != null && type.equals(f.path("type").asText())) {
                    return f;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no " + type + " frame within 10 s");
    }

    /** @return the next frame, whatever its type, within 10 s */
    JsonNode next() {
        try {
            JsonNode f = frames.poll(10, TimeUnit.SECONDS);
            if (f == null) {
                throw new AssertionError("no frame within 10 s");
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** @return the close code the server sent, waiting up to 10 s */
    int closeCode() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
    }

    /** @return a message frame */
    static String message(String id, String text) {
        try {
            return JSON.writeValueAsString(java.util.Map.of("type", "message", "id", id, "text", text));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a status frame */
    static String status(String id, String status) {
        return "{\"type\":\"status\",\"id\":\"" + id + "\",\"status\":\"" + status + "\"}";
    }
}
