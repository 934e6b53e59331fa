package gov.tawasul.channels.twitter;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * X API v1.1 responses in their wire format
 * (https://developer.x.com/en/docs/x-api/v1/direct-messages/sending-and-receiving/api-reference/new-event,
 * error bodies https://developer.x.com/en/support/x-api/error-troubleshooting).
 */
final class XApiStubs {

    static final String NEW_EVENT = "/1.1/direct_messages/events/new.json";

    private XApiStubs() {
    }

    /** 200 with the created event, as X answers {@code events/new}. */
    static ResponseDefinitionBuilder created(String eventId, String recipientId, String text) {
        String body = """
                {"event":{"type":"message_create","id":"%s","created_timestamp":"%d","message_create":{"target":{"recipient_id":"%s"},"sender_id":"1000000000000000001","source_app_id":"268278","message_data":{"text":%s,"entities":{"hashtags":[],"symbols":[],"user_mentions":[],"urls":[]}}}}}"""
                .formatted(eventId, Instant.now().toEpochMilli(), recipientId, quote(text));
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json;charset=utf-8")
                .withHeader("x-access-level", "read-write-directmessages").withBody(body);
    }

    /** An X error response {@code {"errors":[{"code":…,"message":…}]}}. */
    static ResponseDefinitionBuilder error(int status, int code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody("{\"errors\":[{\"code\":" + code + ",\"message\":" + quote(message) + "}]}");
    }

    /** 429 code 88 with the rate-limit headers, the window resetting at {@code reset}. */
    static ResponseDefinitionBuilder rateLimited(Instant reset) {
        return error(429, 88, "Rate limit exceeded")
                .withHeader("x-rate-limit-limit", "1000")
                .withHeader("x-rate-limit-remaining", "0")
                .withHeader("x-rate-limit-reset", Long.toString(reset.getEpochSecond()));
    }

    static void stubSend(WireMockServer server, ResponseDefinitionBuilder response) {
        server.stubFor(post(urlPathEqualTo(NEW_EVENT)).willReturn(response));
    }

    private static String quote(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
