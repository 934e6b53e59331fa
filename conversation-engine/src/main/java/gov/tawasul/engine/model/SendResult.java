package gov.tawasul.engine.model;

import java.time.Duration;

/**
 * What a {@link gov.tawasul.engine.port.ChannelSender} reports after one send attempt.
 *
 * @param outcome           accepted, retry later, final failure, or recipient opted out
 * @param providerMessageId the provider's id for the message when accepted (Twilio SID, Messenger mid, X event id)
 * @param status            the status the provider gave on acceptance (usually {@code QUEUED} or {@code SENT})
 * @param errorCode         the provider's error code as it came (e.g. {@code 20429}, {@code 551}), or null
 * @param errorMessage      reason, for staff and logs
 * @param retryAfter        for {@link Outcome#RETRY}: the provider's own wait (e.g. X {@code x-rate-limit-reset}), or null
 *                          for the engine's exponential backoff
 */
public record SendResult(Outcome outcome, String providerMessageId, DeliveryStatus status, String errorCode,
                         String errorMessage, Duration retryAfter) {

    /** The kinds of outcome. */
    public enum Outcome { ACCEPTED, RETRY, FINAL_FAILURE, OPTED_OUT }

    /** The provider took the message. */
    public static SendResult accepted(String providerMessageId, DeliveryStatus status) {
        return new SendResult(Outcome.ACCEPTED, providerMessageId, status, null, null, null);
    }

    /** A transient failure (rate limit, 5xx, network): the same message is tried again later. */
    public static SendResult retry(String errorCode, String errorMessage, Duration retryAfter) {
        return new SendResult(Outcome.RETRY, null, DeliveryStatus.QUEUED, errorCode, errorMessage, retryAfter);
    }

    /** A failure that trying again will not mend (bad recipient, outside the window, blocked). */
    public static SendResult finalFailure(String errorCode, String errorMessage) {
        return new SendResult(Outcome.FINAL_FAILURE, null, DeliveryStatus.FAILED, errorCode, errorMessage, null);
    }

    /** The recipient unsubscribed (Twilio 21610): final, and the conversation is opted out. */
    public static SendResult optedOut(String errorCode, String errorMessage) {
        return new SendResult(Outcome.OPTED_OUT, null, DeliveryStatus.FAILED, errorCode, errorMessage, null);
    }
}
