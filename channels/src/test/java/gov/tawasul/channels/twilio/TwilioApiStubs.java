package gov.tawasul.channels.twilio;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * WireMock answers of Twilio's Messages API in its real wire format
 * (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource; errors:
 * https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions).
 */
public final class TwilioApiStubs {

    public static final String ACCOUNT_SID = "AC00000000000000000000000000000000";
    public static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
    /** SID of the reply; the status-callback fixtures report on this one. */
    public static final String REPLY_SID = "SM00000000000000000000000000000100";

    private TwilioApiStubs() {
    }

    /** 201 Created with the Message resource as Twilio returns it for a fresh message. */
    public static ResponseDefinitionBuilder created(String sid, String to, String from, String body) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(message(sid, to, from, body, "Thu, 15 Jan 2026 14:31:00 +0000", "queued"));
    }

    /**
     * One Message resource as Twilio writes it (dates in RFC 2822 form).
     *
     * @param status Twilio's status, e.g. {@code queued}, {@code delivered}
     */
    public static String message(String sid, String to, String from, String body, String dateCreated, String status) {
        return """
                {"account_sid":"%1$s","api_version":"2010-04-01","body":"%4$s",\
                "date_created":"%6$s","date_sent":null,\
                "date_updated":"%6$s","direction":"outbound-api","error_code":null,\
                "error_message":null,"from":"%3$s","messaging_service_sid":null,"num_media":"0","num_segments":"1",\
                "price":null,"price_unit":"USD","sid":"%5$s","status":"%7$s",\
                "subresource_uris":{"media":"/2010-04-01/Accounts/%1$s/Messages/%5$s/Media.json"},\
                "to":"%2$s","uri":"/2010-04-01/Accounts/%1$s/Messages/%5$s.json"}"""
                .formatted(ACCOUNT_SID, to, from, body, sid, dateCreated, status);
    }

    /**
     * 200 with one page of the Message list as Twilio answers {@code GET …/Messages.json?To=…}
     * (https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources).
     *
     * @param messages resources from {@link #message}, newest first
     */
    public static ResponseDefinitionBuilder messageList(String... messages) {
        String uri = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json?PageSize=50&Page=0";
        String json = """
                {"end":%1$d,"first_page_uri":"%2$s","next_page_uri":null,"page":0,"page_size":50,\
                "previous_page_uri":null,"messages":[%3$s],"start":0,"uri":"%2$s"}"""
                .formatted(Math.max(0, messages.length - 1), uri, String.join(",", messages));
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(json);
    }

    /** 201 Created like {@link #created}, with a fresh random {@code SM…} SID per request (WireMock templating). */
    public static ResponseDefinitionBuilder createdFreshSid() {
        return created("SM{{randomValue length=32 type='HEXADECIMAL'}}", "+15555550100", "+15555550199", "reply")
                .withTransformers("response-template");
    }

    /** Twilio's error body, e.g. {@code 400, 21211} or {@code 429, 20429}. */
    public static ResponseDefinitionBuilder error(int httpStatus, int code, String message) {
        String json = """
                {"code":%d,"message":"%s","more_info":"https://www.twilio.com/docs/errors/%d","status":%d}"""
                .formatted(code, message, code, httpStatus);
        return aResponse().withStatus(httpStatus).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(json);
    }

    public static void answer(WireMockServer server, ResponseDefinitionBuilder response) {
        server.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(response));
    }
}
