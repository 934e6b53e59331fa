package gov.tawasul.channels.webchat;

/**
 * A frame the chat socket does not take, with the code sent back in the error frame
 * ({@code {"type":"error","code":"<code>","message":"…","id":"<client id>"|null}}).
 */
public class FrameRefused extends RuntimeException {

    /** Longer than {@value WebchatParser#MAX_FRAME_CHARS} characters. */
    public static final String TOO_LARGE = "FRAME_TOO_LARGE";
    /** Not JSON, an unknown type, or a field missing or malformed. */
    public static final String MALFORMED = "MALFORMED";
    /** A frame other than {@code hello} before the {@code hello}, or a second {@code hello}. */
    public static final String HELLO_FIRST = "HELLO_FIRST";
    /** More citizen messages than {@code tawasul.webchat.rate-limit} within the window. */
    public static final String RATE_LIMITED = "RATE_LIMITED";
    /** A status for a message id that is not one of ours to this visitor. */
    public static final String UNKNOWN_MESSAGE = "UNKNOWN_MESSAGE";
    /** The message could not be stored: send it again (same id). */
    public static final String NOT_STORED = "NOT_STORED";

    private final String code;
    private final String frameId;

    /**
     * @param code    one of the constants
     * @param message for the browser's console
     * @param frameId the client message id the error is about, or null
     */
    public FrameRefused(String code, String message, String frameId) {
        super(message, null, false, false);
        this.code = code;
        this.frameId = frameId;
    }

    /** @return the error code */
    public String code() {
        return code;
    }

    /** @return the client message id the error is about, or null */
    public String frameId() {
        return frameId;
    }
}
