package gov.tawasul.channels.webchat;

import gov.tawasul.engine.EngineContext;
import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.processing.AnswerForecast;
import gov.tawasul.engine.inbox.InboxResult;
import gov.tawasul.engine.model.InboundBatch;
import gov.tawasul.engine.model.InboundMessage;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * The chat socket, {@code ws(s)://<host>/chat/socket} (Quarkus websockets-next), for the widget, {@code /chat} and
 * {@code /kiosk}. Frames: {@link ClientFrame} (browser → bot) and {@link ServerFrames} (bot → browser).
 * <ol>
 *   <li>The upgrade is refused (403) for a foreign {@code Origin} ({@link WebchatOriginCheck}).</li>
 *   <li>The first frame is {@code hello}: with a rightly signed token the visitor resumes (reload, a second tab),
 *       otherwise — none, forged, another visitor's id with a wrong signature — it is a new visitor; the answer is
 *       {@code welcome} with the token to keep.</li>
 *   <li>A {@code message} goes to {@link Inbox#accept} as the visitor's {@link gov.tawasul.engine.model.InboundMessage}
 *       (deduplicated by the client message id) under the visitor's rate limit ({@link WebchatRateLimit}); the
 *       answer is {@code ack} after it is committed, then {@code typing} when the bot will answer it, or
 *       {@code held} when a person holds the conversation and the bot stays silent ({@link AnswerForecast}). The
 *       reply arrives later as a {@code message} ({@link WebchatSender}).</li>
 *   <li>A {@code status} of one of our messages to this visitor (checked by its signed id) is a delivery receipt
 *       through {@link Inbox#accept}; one for another id is refused {@code UNKNOWN_MESSAGE}.</li>
 * </ol>
 * A refused frame gets an {@code error} frame and the socket stays open; more than {@value #FRAME_BUDGET} frames
 * within {@value #BUDGET_SECONDS} s close it (1008). Frames over 8 KiB are cut by the server and the socket
 * closed ({@code quarkus.websockets-next.server.max-message-size}; Vert.x closes with 1011). Runs on the event loop; nothing blocks.
 */
@WebSocket(path = "/chat/socket", endpointId = WebchatEndpoint.ID)
public class WebchatEndpoint {

    /** The endpoint id (for the upgrade check). */
    public static final String ID = "webchat";
    /** Frames one socket may send within {@link #BUDGET_SECONDS}, whatever their type. */
    static final int FRAME_BUDGET = 60;
    /** The window of {@link #FRAME_BUDGET}. */
    static final int BUDGET_SECONDS = 10;

    private static final Logger LOG = Logger.getLogger(WebchatEndpoint.class);
    private static final UserData.TypedKey<String> VISITOR = UserData.TypedKey.forString("visitor");
    private static final UserData.TypedKey<String> KIOSK = UserData.TypedKey.forString("kiosk");
    private static final UserData.TypedKey<String> LOCALE = UserData.TypedKey.forString("locale");
    private static final UserData.TypedKey<long[]> BUDGET = new UserData.TypedKey<>("budget");

    private final WebchatParser parser;
    private final ServerFrames frames;
    private final VisitorTokens tokens;
    private final WebchatConnections connections;
    private final WebchatRateLimit rateLimit;
    private final Inbox inbox;
    private final EngineContext context;
    private final AnswerForecast forecast;
    private final String bot;

    WebchatEndpoint(WebchatParser parser, ServerFrames frames, VisitorTokens tokens, WebchatConnections connections,
                    WebchatRateLimit rateLimit, Inbox inbox, EngineContext context, AnswerForecast forecast,
                    WebchatConfig config) {
        this.forecast = forecast;
        this.parser = parser;
        this.frames = frames;
        this.tokens = tokens;
        this.connections = connections;
        this.rateLimit = rateLimit;
        this.inbox = inbox;
        this.context = context;
        this.bot = config.botAddress();
    }

    /** One frame from the browser; answers (if at all) with frames of its own. */
    @OnTextMessage
    public Uni<Void> onFrame(String text, WebSocketConnection connection) {
        if (overBudget(connection)) {
            return connection.close(new CloseReason(1008, "too many frames"));
        }
        ClientFrame frame;
        try {
            frame = parser.parse(text);
        } catch (FrameRefused refused) {
            return connection.sendText(frames.error(refused));
        }
        String visitor = connection.userData().get(VISITOR);
        if (ClientFrame.HELLO.equals(frame.type())) {
            return visitor == null ? hello(frame, connection)
                    : refuse(connection, new FrameRefused(FrameRefused.HELLO_FIRST, "hello was said already", null));
        }
        if (visitor == null) {
            return refuse(connection, new FrameRefused(FrameRefused.HELLO_FIRST, "send hello first", frame.id()));
        }
        if (ClientFrame.MESSAGE.equals(frame.type())) {
            return message(visitor, frame, connection);
        }
        if (ClientFrame.STATUS.equals(frame.type())) {
            return status(visitor, frame, connection);
        }
        return Uni.createFrom().voidItem();
    }

    /** Forgets the socket. */
    @OnClose
    public void onClose(WebSocketConnection connection) {
        String visitor = connection.userData().get(VISITOR);
        if (visitor != null) {
            connections.remove(visitor, connection);
        }
    }

    private Uni<Void> hello(ClientFrame frame, WebSocketConnection connection) {
        String visitor = tokens.visitorOf(frame.token()).orElse(null);
        boolean resumed = visitor != null;
        if (!resumed) {
            visitor = tokens.newVisitor();
        }
        connection.userData().put(VISITOR, visitor);
        if (frame.kiosk() != null) {
            connection.userData().put(KIOSK, frame.kiosk());
        }
        if (frame.text() != null) {
            connection.userData().put(LOCALE, frame.text());
        }
        connections.add(visitor, connection);
        return connection.sendText(frames.welcome(tokens.token(visitor), resumed));
    }

    private Uni<Void> message(String visitor, ClientFrame frame, WebSocketConnection connection) {
        String kiosk = connection.userData().get(KIOSK);
        String locale = connection.userData().get(LOCALE);
        return rateLimit.allow(visitor).emitOn(context.currentContextExecutor()).chain(allowed -> {
            if (!allowed) {
                return refuse(connection, new FrameRefused(FrameRefused.RATE_LIMITED,
                        "too many messages: wait a minute", frame.id()));
            }
            InboundMessage message = parser.inbound(visitor, kiosk, locale, bot, frame, Instant.now());
            return inbox.accept(InboundBatch.of(message))
                    .chain(results -> {
                        InboxResult result = results.get(0);
                        boolean duplicate = result.outcome() == InboxResult.Outcome.DUPLICATE;
                        Uni<Void> ack = connection.sendText(frames.ack(frame.id(), duplicate));
                        return duplicate ? ack : ack.chain(() -> whoAnswers(result.conversationId(), message, connection));
                    })
                    .onFailure(e -> !(e instanceof FrameRefused)).recoverWithUni(e -> {
                        LOG.warnf("web chat message not stored: %s", e.toString());
                        return refuse(connection, new FrameRefused(FrameRefused.NOT_STORED,
                                "not stored, send it again", frame.id()));
                    });
        });
    }

    /**
     * {@code typing} only when the bot will answer; {@code held} when a person holds the conversation (the bot stays
     * silent: the page says a staff member will answer); nothing when nobody answers.
     */
    private Uni<Void> whoAnswers(long conversationId, InboundMessage message, WebSocketConnection connection) {
        return forecast.answererOf(conversationId, message).chain(answerer -> switch (answerer) {
            case BOT -> connection.sendText(frames.typing());
            case PERSON -> connection.sendText(frames.held());
            case NOBODY -> Uni.createFrom().voidItem();
        }).onFailure().recoverWithUni(e -> {
            // the message is stored and acknowledged: only the hint is lost
            LOG.debugf("web chat: no typing hint for conversation %d: %s", conversationId, e.toString());
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> status(String visitor, ClientFrame frame, WebSocketConnection connection) {
        if (!tokens.isMessageOf(visitor, frame.id())) {
            return refuse(connection, new FrameRefused(FrameRefused.UNKNOWN_MESSAGE,
                    "not a message of this conversation", null));
        }
        InboundBatch batch = new InboundBatch(List.of(), List.of(parser.receipt(frame, Instant.now())), List.of(),
                List.of());
        return inbox.accept(batch).replaceWithVoid();
    }

    private Uni<Void> refuse(WebSocketConnection connection, FrameRefused refused) {
        return connection.sendText(frames.error(refused));
    }

    /** Counts the frame in the socket's budget: a fixed window of {@link #BUDGET_SECONDS}. */
    private static boolean overBudget(WebSocketConnection connection) {
        long now = System.nanoTime();
        long[] budget = connection.userData().get(BUDGET);
        if (budget == null || now - budget[0] > BUDGET_SECONDS * 1_000_000_000L) {
            budget = new long[]{now, 0};
            connection.userData().put(BUDGET, budget);
        }
        return ++budget[1] > FRAME_BUDGET;
    }
}
