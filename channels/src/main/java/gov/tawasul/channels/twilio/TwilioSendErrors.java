package gov.tawasul.channels.twilio;

import com.twilio.exception.ApiException;
import gov.tawasul.engine.model.SendResult;

/**
 * Classifies a failed Twilio Messages API call (https://www.twilio.com/docs/api/errors):
 * <ul>
 *   <li>{@code 21610} (recipient replied STOP) → {@link SendResult#optedOut}, no retry (field case F09);</li>
 *   <li>{@code 20429} or HTTP 429 → {@link SendResult#retry}, with the engine's exponential backoff (F10);</li>
 *   <li>HTTP 5xx, or no HTTP answer at all (connection refused, timeout) → retry;</li>
 *   <li>{@code 63016} (WhatsApp: free text outside the 24-hour window) → {@link SendResult#finalFailure}: resending
 *       the same text cannot help, only a template ({@link WhatsAppPolicy});</li>
 *   <li>any other 4xx ({@code 21211} invalid number, {@code 21408} region not enabled, {@code 21614} not a mobile
 *       number, {@code 20003} bad credentials, …) → {@link SendResult#finalFailure} with the code as it came.</li>
 * </ul>
 */
public final class TwilioSendErrors {

    private TwilioSendErrors() {
    }

    /** @return the classified result; never throws */
    public static SendResult classify(ApiException e) {
        String code = e.getCode() == null ? null : e.getCode().toString();
        Integer status = e.getStatusCode() != null ? e.getStatusCode() : e.getHttpStatusCode();
        String message = e.getMessage();
        if (TwilioErrorCodes.OPTED_OUT.equals(code)) {
            return SendResult.optedOut(code, TwilioErrorCodes.reason(code));
        }
        if (TwilioErrorCodes.TOO_MANY_REQUESTS.equals(code) || (status != null && status == 429)) {
            return SendResult.retry(code == null ? "429" : code, message, null);
        }
        if (status == null || status >= 500 || status < 400) {
            return SendResult.retry(code, status == null ? "no answer from Twilio: " + message
                    : "HTTP " + status + ": " + message, null);
        }
        return SendResult.finalFailure(code == null ? "HTTP " + status : code,
                message == null ? TwilioErrorCodes.reason(code) : message);
    }
}
