package gov.tawasul.bench.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.tawasul.bench.data.FormBody;
import gov.tawasul.bench.data.TwilioSignature;
import gov.tawasul.bench.load.StepTracker;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twilio's Messages API on loopback: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}
 * (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource). Checks HTTP Basic
 * auth (account SID : auth token; else 401 with Twilio's error body, code 20003), answers {@code 201} with the
 * Message resource JSON ({@code status: queued}) after {@code apiLatencyMs} (the real API answers from the region in
 * about 80 ms; a Vert.x timer, no thread waits), and then, like Twilio, POSTs two signed status callbacks to the
 * request's {@code StatusCallback}: {@code sent} {@code sentDelayMs} after the answer and {@code delivered}
 * {@code deliveredDelayMs} after the answer, never before the app answered {@code sent} (parameters as
 * shared/fixtures/twilio-status-callback-sent.form and -delivered.form,
 * https://www.twilio.com/docs/messaging/guides/track-outbound-message-status).
 * Each reply and both callbacks' answers are reported to the current {@link StepTracker}.
 */
public final class FakeTwilioApi {

    private static final Pattern MESSAGES = Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-fA-F]{32})/Messages\\.json");
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
            java.util.Locale.ENGLISH);
    private static final DateTimeFormatter DLR_DONE = DateTimeFormatter.ofPattern("yyMMddHHmm");

    private final Vertx vertx;
    private final HttpClient client;
    private final String accountSid;
    private final String expectedAuthorization;
    private final TwilioSignature signer;
    private final long apiLatencyMs;
    private final long sentDelayMs;
    private final long deliveredDelayMs;
    private final ObjectMapper json = new ObjectMapper();
    /** Starts from the clock: runs on one database (a reused bench seed) never issue the same sid twice. */
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() << 20);
    private final AtomicLong rejected = new AtomicLong();
    private volatile StepTracker tracker;
    private volatile long firstReplyNs;
    private volatile int faultStatus;
    private volatile Observer observer;
    private final Map<String, java.util.List<ObjectNode>> createdByTo = new java.util.concurrent.ConcurrentHashMap<>();
    private HttpServer server;

    /** Answers at once; {@code sent} after a fifth of {@code deliveredDelayMs}, {@code delivered} after it. */
    public FakeTwilioApi(Vertx vertx, HttpClient client, String accountSid, String authToken, long deliveredDelayMs) {
        this(vertx, client, accountSid, authToken, 0, Math.max(1, deliveredDelayMs / 5), deliveredDelayMs);
    }

    /**
     * @param apiLatencyMs     wait between receiving the API call and answering it (0: at once)
     * @param sentDelayMs      wait between answering the API call and posting the {@code sent} callback (≥ 1)
     * @param deliveredDelayMs wait between answering the API call and posting the {@code delivered} callback (≥ 1;
     *                         later when the app has not answered {@code sent} by then)
     */
    public FakeTwilioApi(Vertx vertx, HttpClient client, String accountSid, String authToken, long apiLatencyMs,
                         long sentDelayMs, long deliveredDelayMs) {
        this.vertx = vertx;
        this.apiLatencyMs = Math.max(0, apiLatencyMs);
        this.sentDelayMs = Math.max(1, sentDelayMs);
        this.deliveredDelayMs = Math.max(1, deliveredDelayMs);
        this.client = client;
        this.accountSid = accountSid;
        this.expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        this.signer = new TwilioSignature(authToken);
    }

    /** @return the bound port on 127.0.0.1 */
    public int start() {
        server = vertx.createHttpServer().requestHandler(this::handle);
        return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
    }

    /** Replies from now on are reported to {@code tracker} (null: counted nowhere). */
    public void track(StepTracker tracker) {
        this.tracker = tracker;
    }

    /** @return System.nanoTime() of the first reply received, 0 before */
    /** Forgets the first reply, so that {@link #firstReplyNs()} times the next process's first one. */
    public void resetFirstReply() {
        firstReplyNs = 0;
    }

    /** @return System.nanoTime() of the first reply received since start or {@link #resetFirstReply()}; 0 before */
    public long firstReplyNs() {
        return firstReplyNs;
    }

    /** Sees every accepted message and every delivered callback (bench/chaos). */
    public interface Observer {
        /** A message was accepted (201) with {@code sid}. */
        void created(String to, String text, String sid);

        /** The delivered callback of {@code sid} was answered {@code status} (0: no answer). */
        void callbackAnswered(String sid, int status);
    }

    /** Accepted messages and callbacks are reported to {@code observer} from now on (null: to nobody). */
    public void observe(Observer observer) {
        this.observer = observer;
    }

    /**
     * Fault mode (bench/chaos): {@code 500} or {@code 429} answers every create with Twilio's error body
     * (codes 20500 / 20429), {@code 0} serves normally.
     */
    public void fail(int status) {
        this.faultStatus = status;
    }

    /** @return requests refused (wrong path, method or credentials) */
    public long rejected() {
        return rejected.get();
    }

    private void handle(HttpServerRequest request) {
        Matcher m = MESSAGES.matcher(request.path());
        if (request.method() == HttpMethod.GET && m.matches() && expectedAuthorization.equals(request.getHeader("Authorization"))) {
            list(request);
            return;
        }
        if (request.method() != HttpMethod.POST || !m.matches()) {
            rejected.incrementAndGet();
            request.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                    .end("{\"code\":20404,\"message\":\"The requested resource was not found\",\"status\":404}");
            return;
        }
        if (!expectedAuthorization.equals(request.getHeader("Authorization")) || !accountSid.equals(m.group(1))) {
            rejected.incrementAndGet();
            request.response().setStatusCode(401).putHeader("Content-Type", "application/json")
                    .end("{\"code\":20003,\"message\":\"Authenticate\",\"more_info\":\"https://www.twilio.com/docs/errors/20003\",\"status\":401}");
            return;
        }
        int fault = faultStatus;
        if (fault != 0) {
            request.body().onSuccess(ignored -> request.response().setStatusCode(fault)
                    .putHeader("Content-Type", "application/json").end("{\"code\":" + (fault == 429 ? 20429 : 20500)
                            + ",\"message\":\"" + (fault == 429 ? "Too Many Requests" : "Internal Server Error")
                            + "\",\"more_info\":\"https://www.twilio.com/docs/errors/" + (fault == 429 ? 20429 : 20500)
                            + "\",\"status\":" + fault + "}"));
            return;
        }
        request.body().onSuccess(body -> create(request, FormBody.decode(body.toString(StandardCharsets.UTF_8))));
    }

    /**
     * {@code GET …/Messages.json?To=…} (https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources):
     * the messages accepted for {@code To}, newest first, one page; what the app's reconciliation of an interrupted
     * send asks.
     */
    private void list(HttpServerRequest request) {
        String to = request.getParam("To");
        com.fasterxml.jackson.databind.node.ArrayNode messages = json.createArrayNode();
        java.util.List<ObjectNode> sent = to == null ? java.util.List.of() : createdByTo.getOrDefault(to, java.util.List.of());
        synchronized (sent) {
            for (int i = sent.size() - 1; i >= 0; i--) {
                messages.add(sent.get(i));
            }
        }
        ObjectNode page = json.createObjectNode();
        String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages.json";
        page.put("end", Math.max(0, messages.size() - 1));
        page.put("first_page_uri", uri + "?PageSize=50&Page=0");
        page.set("messages", messages);
        page.putNull("next_page_uri");
        page.put("page", 0);
        page.put("page_size", 50);
        page.putNull("previous_page_uri");
        page.put("start", 0);
        page.put("uri", uri + "?PageSize=50&Page=0");
        request.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(page.toString());
    }

    private void create(HttpServerRequest request, Map<String, String> form) {
        long now = System.nanoTime();
        if (firstReplyNs == 0) {
            firstReplyNs = now;
        }
        String to = form.getOrDefault("To", "");
        String from = form.get("From");
        String serviceSid = form.get("MessagingServiceSid");
        String text = form.getOrDefault("Body", "");
        StepTracker current = tracker;
        StepTracker.Tracked tracked = current == null ? null : current.replied(to, text, now);
        String sid = String.format("SM%032x", sequence.incrementAndGet());
        String body = resource(sid, to, from, serviceSid, text);
        Observer seen = observer;
        if (seen != null) {
            try {
                ObjectNode stored = (ObjectNode) json.readTree(body);
                java.util.List<ObjectNode> list = createdByTo.computeIfAbsent(to, k -> new java.util.ArrayList<>());
                synchronized (list) {
                    list.add(stored);
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            seen.created(to, text, sid);
        }
        if (apiLatencyMs == 0) {
            answer(request, body, form, sid, current, tracked);
        } else {
            vertx.setTimer(apiLatencyMs, id -> answer(request, body, form, sid, current, tracked));
        }
    }

    /** Answers 201, then schedules the {@code sent} and {@code delivered} callbacks (in that order). */
    private void answer(HttpServerRequest request, String body, Map<String, String> form, String sid,
                        StepTracker current, StepTracker.Tracked tracked) {
        String to = form.getOrDefault("To", "");
        String from = form.get("From");
        String serviceSid = form.get("MessagingServiceSid");
        request.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(body)
                .onSuccess(v -> {
                    String callback = form.get("StatusCallback");
                    if (callback == null) {
                        return;
                    }
                    Promise<Void> sentAnswered = Promise.promise();
                    vertx.setTimer(sentDelayMs, id -> callback(callback, "sent", sid, to, from, serviceSid)
                            .onComplete(ar -> {
                                if (current != null && tracked != null) {
                                    current.sentCallbackAnswered(tracked, ar.succeeded() ? ar.result() : 0);
                                }
                                sentAnswered.complete();
                            }));
                    vertx.setTimer(deliveredDelayMs, id -> sentAnswered.future()
                            .compose(ignored -> callback(callback, "delivered", sid, to, from, serviceSid))
                            .onComplete(ar -> {
                                Observer seen = observer;
                                if (seen != null) {
                                    seen.callbackAnswered(sid, ar.succeeded() ? ar.result() : 0);
                                }
                                if (current != null && tracked != null) {
                                    current.callbackAnswered(tracked, ar.succeeded() ? ar.result() : 0,
                                            System.nanoTime());
                                }
                            }));
                });
    }

    private String resource(String sid, String to, String from, String serviceSid, String text) {
        String now = ZonedDateTime.now(ZoneOffset.UTC).format(RFC_2822);
        String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid;
        ObjectNode m = json.createObjectNode();
        m.put("account_sid", accountSid);
        m.put("api_version", "2010-04-01");
        m.put("body", text);
        m.put("date_created", now);
        m.putNull("date_sent");
        m.put("date_updated", now);
        m.put("direction", "outbound-api");
        m.putNull("error_code");
        m.putNull("error_message");
        m.put("from", from);
        m.put("messaging_service_sid", serviceSid);
        m.put("num_media", "0");
        m.put("num_segments", "1");
        m.putNull("price");
        m.put("price_unit", "USD");
        m.put("sid", sid);
        m.put("status", "queued");
        m.putObject("subresource_uris").put("media", uri + "/Media.json");
        m.put("to", to);
        m.put("uri", uri + ".json");
        return m.toString();
    }

    /**
     * @param status {@code sent} or {@code delivered} (only {@code delivered} carries {@code RawDlrDoneDate})
     * @return the HTTP status the app answered the callback with
     */
    private Future<Integer> callback(String url, String status, String sid, String to, String from,
                                     String serviceSid) {
        Map<String, String> p = new LinkedHashMap<>();
        if ("delivered".equals(status)) {
            p.put("RawDlrDoneDate", ZonedDateTime.now(ZoneOffset.UTC).format(DLR_DONE));
        }
        p.put("SmsSid", sid);
        p.put("SmsStatus", status);
        p.put("MessageStatus", status);
        p.put("To", to);
        if (serviceSid != null) {
            p.put("MessagingServiceSid", serviceSid);
        }
        p.put("MessageSid", sid);
        p.put("AccountSid", accountSid);
        if (from != null) {
            p.put("From", from);
        }
        p.put("ApiVersion", "2010-04-01");
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .putHeader("X-Twilio-Signature", signer.sign(url, p))
                .putHeader("User-Agent", "TwilioProxy/1.1");
        return client.request(options)
                .compose(req -> req.send(Buffer.buffer(FormBody.encode(p))))
                .compose(resp -> resp.body().map(ignored -> resp.statusCode()));
    }
}
