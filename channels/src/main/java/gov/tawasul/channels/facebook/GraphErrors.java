package gov.tawasul.channels.facebook;

import com.restfb.exception.FacebookException;
import com.restfb.exception.FacebookGraphException;
import com.restfb.exception.FacebookNetworkException;
import gov.tawasul.engine.model.SendResult;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Classifies Graph API errors of the Send API. Error body (https://developers.facebook.com/docs/graph-api/guides/error-handling):
 * {@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}}; Messenger codes:
 * https://developers.facebook.com/docs/messenger-platform/error-codes
 * <ul>
 *   <li>retry: rate limits 4, 32, 613; transient 1, 2, 1200; any HTTP 5xx or network error; {@code is_transient};</li>
 *   <li>final: 551 (person unavailable), 10/2018278 (outside the 24-hour window), 100 (bad recipient or parameter),
 *       and every other code;</li>
 *   <li>190 (access token expired or revoked): final, and one operator alert per process.</li>
 * </ul>
 * The {@link SendResult#errorCode()} is {@code code}, or {@code code/subcode} when Meta gives a subcode (e.g.
 * {@code 10/2018278}); the message carries Meta's text and {@code fbtrace_id}.
 */
final class GraphErrors {

    private static final Logger LOG = Logger.getLogger(GraphErrors.class);
    private static final Set<Integer> RETRY_CODES = Set.of(1, 2, 4, 32, 613, 1200);
    static final int TOKEN_INVALID = 190;

    private final AtomicBoolean tokenAlerted = new AtomicBoolean();

    /** @return the classified result of a failed send; never throws */
    SendResult classify(FacebookException e) {
        if (e instanceof FacebookGraphException g) {
            return graph(g);
        }
        if (e instanceof FacebookNetworkException n) {
            Integer status = n.getHttpStatusCode();
            String code = status == null ? null : "HTTP " + status;
            if (status == null || status >= 500 || status == 429) {
                return SendResult.retry(code, "Graph API unreachable: " + n.getMessage(), null);
            }
            return SendResult.finalFailure(code, "Graph API refused the request: " + n.getMessage());
        }
        return SendResult.retry(null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
    }

    private SendResult graph(FacebookGraphException g) {
        int code = g.getErrorCode() == null ? 0 : g.getErrorCode();
        Integer subcode = g.getErrorSubcode();
        String errorCode = g.getErrorCode() == null ? null : code + (subcode == null ? "" : "/" + subcode);
        String message = g.getErrorMessage() + (g.getFbtraceId() == null ? "" : " (fbtrace_id " + g.getFbtraceId() + ")");
        Integer http = g.getHttpStatusCode();
        if (code == TOKEN_INVALID) {
            if (tokenAlerted.compareAndSet(false, true)) {
                LOG.errorf("OPERATOR ALERT: the Messenger page access token was refused (Graph error %s: %s). "
                        + "Messenger replies fail until tawasul.facebook.page-access-token is renewed.", errorCode,
                        g.getErrorMessage());
            }
            return SendResult.finalFailure(errorCode, "page access token expired or revoked: " + message);
        }
        if (RETRY_CODES.contains(code) || (http != null && http >= 500) || Boolean.TRUE.equals(g.getIsTransient())) {
            return SendResult.retry(errorCode, message, null);
        }
        if (code == 10 && subcode != null && subcode == 2018278) {
            return SendResult.finalFailure(errorCode, "outside Messenger 24-hour window: " + message);
        }
        return SendResult.finalFailure(errorCode, message);
    }

    /** @return whether the 190 alert was already logged by this process (for tests) */
    boolean tokenAlerted() {
        return tokenAlerted.get();
    }
}
