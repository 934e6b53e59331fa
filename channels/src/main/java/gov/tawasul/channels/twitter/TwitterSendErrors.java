package gov.tawasul.channels.twitter;

import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.SendResult;
import twitter4j.TwitterException;
import twitter4j.v1.RateLimitStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Classifies a failed {@code POST direct_messages/events/new.json}
 * (error codes: https://developer.x.com/en/support/x-api/error-troubleshooting):
 * HTTP 429 or code 88 (rate limit) → retry after {@code x-rate-limit-reset}; 349 (you cannot send messages to this
 * user), 150 (you cannot send messages to users who are not following you), 108 (cannot find specified user),
 * 50 (user not found) → final; 5xx and network errors → retry with the engine's backoff; any other 4xx → final; a
 * 2xx whose body twitter4j cannot read → accepted as {@code SENT} without an id (the DM exists: never sent twice).
 * The X error code (or the HTTP status when the body has none) is kept in {@link SendResult#errorCode()}.
 */
final class TwitterSendErrors {

    /** X error codes after which sending again to the same recipient cannot succeed. */
    static final Set<Integer> FINAL_CODES = Set.of(349, 150, 108, 50);
    /** X's "Rate limit exceeded". */
    static final int RATE_LIMITED = 88;

    private TwitterSendErrors() {
    }

    static SendResult classify(TwitterException e, Instant now) {
        int status = e.getStatusCode();
        int code = e.getErrorCode();
        String errorCode = code > 0 ? Integer.toString(code) : status > 0 ? Integer.toString(status) : "network";
        String message = e.isErrorMessageAvailable() ? e.getErrorMessage() : e.getMessage();
        if (status == 429 || code == RATE_LIMITED) {
            return SendResult.retry(errorCode, message, untilReset(e, now));
        }
        if (FINAL_CODES.contains(code)) {
            return SendResult.finalFailure(errorCode, message);
        }
        if (answeredButUnreadable(e)) {
            // X answered 2xx (the DM exists) with a body twitter4j could not read: sending again would send it twice
            return SendResult.accepted(null, DeliveryStatus.SENT);
        }
        if (status >= 500 || status <= 0 || e.isCausedByNetworkIssue()) {
            return SendResult.retry(errorCode, message, null);
        }
        return SendResult.finalFailure(errorCode, message);
    }

    /**
     * @return whether X answered (no HTTP error, no network failure) but twitter4j could not read the body: its
     *         {@code twitter4j.JSONException} (package-private, known by name) is the cause
     */
    static boolean answeredButUnreadable(TwitterException e) {
        return e.getStatusCode() <= 0 && !e.isCausedByNetworkIssue() && e.getCause() != null
                && "twitter4j.JSONException".equals(e.getCause().getClass().getName());
    }

    /** @return the wait until the rate-limit window resets (at least 1 s), or null when X did not say */
    static Duration untilReset(TwitterException e, Instant now) {
        RateLimitStatus limit = e.getRateLimitStatus();
        if (limit != null && limit.getResetTimeInSeconds() > 0) {
            return atLeastOneSecond(Duration.ofSeconds(limit.getSecondsUntilReset()));
        }
        String reset = header(e, "x-rate-limit-reset");
        if (reset != null) {
            try {
                return atLeastOneSecond(Duration.between(now, Instant.ofEpochSecond(Long.parseLong(reset.strip()))));
            } catch (NumberFormatException ignored) {
                return null;
            }
        }
        return null;
    }

    /** twitter4j 4.1.2 throws a NullPointerException for an absent header. */
    private static String header(TwitterException e, String name) {
        try {
            return e.getResponseHeader(name);
        } catch (RuntimeException absent) {
            return null;
        }
    }

    private static Duration atLeastOneSecond(Duration d) {
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }
}
