package gov.tawasul.channels.common;

/** An expected {@code outbound_message} row: a reply whose status a callback moved, or a recorded echo. */
public final class ExpectedOutbound extends ExpectedRow<ExpectedOutbound> {

    private ExpectedOutbound() {
    }

    /** @return the message the provider identifies as {@code providerMessageId} */
    public static ExpectedOutbound outbound(String providerMessageId) {
        return new ExpectedOutbound().column("provider_message_id", providerMessageId);
    }

    /**
     * @param status {@code SENDING}, {@code SENT}, {@code DELIVERED}, {@code READ}, {@code UNDELIVERED}, {@code FAILED}
     */
    public ExpectedOutbound status(String status) {
        return column("status", status);
    }

    /** @return also the provider's error code and its stored reason */
    public ExpectedOutbound error(String code, String message) {
        return column("error_code", code).column("error_message", message);
    }

    public ExpectedOutbound errorCode(String code) {
        return column("error_code", code);
    }

    /** @param origin {@code BOT}, {@code AGENT}, … */
    public ExpectedOutbound origin(String origin) {
        return column("origin", origin);
    }

    /** @param fromEcho whether the row was recorded from the provider's echo of a message we did not send */
    public ExpectedOutbound fromEcho(boolean fromEcho) {
        return column("from_echo", fromEcho);
    }

    public ExpectedOutbound recipient(String recipient) {
        return column("recipient", recipient);
    }

    public ExpectedOutbound sender(String sender) {
        return column("sender", sender);
    }

    public ExpectedOutbound text(String text) {
        return column("text", text);
    }
}
