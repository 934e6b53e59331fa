package gov.tawasul.channels.webchat;

/**
 * One frame a browser sends on the chat socket, as {@link WebchatParser} read and checked it. JSON text frames,
 * at most {@value WebchatParser#MAX_FRAME_CHARS} characters:
 * <pre>
 * {"type":"hello","token":"v1.…"|null,"kiosk":"airport-1"|null,"lang":"ar"|"en"}
 *                                                                   first frame: resume (token) or start a visitor
 * {"type":"message","id":"c-1a2b","text":"حالة ٤٥١٢٨٧٣","payload":null}  a citizen message; id: the browser's own
 *                                                                     id of it (1–64 of [A-Za-z0-9_-]), the dedup key
 * {"type":"message","id":"c-1a2c","text":"Help","payload":"HELP"}  a quick-reply button (payload from our message)
 * {"type":"status","id":"41.Xy…","status":"delivered"|"read"}        our message was shown (read) / arrived (delivered)
 * {"type":"typing"}                                                 the visitor is typing (accepted, not stored)
 * </pre>
 *
 * @param type    {@code hello}, {@code message}, {@code status} or {@code typing}
 * @param token   hello: the visitor token the page kept, or null
 * @param kiosk   hello: the kiosk id ({@code /kiosk?kiosk=<id>}), or null on the site
 * @param id      message: the client message id; status: our message id
 * @param text    message: the text (may be empty with a payload); hello: the page's language, {@code ar} or {@code en}, or null
 * @param payload message: a quick-reply payload, or null
 * @param status  status: {@code delivered} or {@code read}
 */
public record ClientFrame(String type, String token, String kiosk, String id, String text, String payload,
                          String status) {

    /** Frame types. */
    public static final String HELLO = "hello";
    /** A citizen message. */
    public static final String MESSAGE = "message";
    /** A delivery receipt of one of our messages. */
    public static final String STATUS = "status";
    /** The visitor is typing. */
    public static final String TYPING = "typing";
}
