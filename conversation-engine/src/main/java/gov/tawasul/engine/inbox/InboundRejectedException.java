package gov.tawasul.engine.inbox;

/**
 * A delivery of which no item can be stored: every value that was too wide is named in the message (its length and
 * the limit, never the value, which may be personal data). Webhooks answer it with 400 problem+json so that the
 * provider does not retry a body that can never be stored.
 */
public class InboundRejectedException extends RuntimeException {

    /** @param detail what was refused, e.g. {@code message 0: address of 300 characters (at most 128)} */
    public InboundRejectedException(String detail) {
        super(detail, null, false, false);
    }
}
