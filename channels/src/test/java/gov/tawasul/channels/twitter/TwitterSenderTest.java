package gov.tawasul.channels.twitter;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.model.QuickReply;
import gov.tawasul.engine.model.SendResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** twitter4j DM sends against a WireMock X API v1.1. */
class TwitterSenderTest {

    private static WireMockServer x;
    private TwitterSender sender;

    @BeforeAll
    static void start() {
        x = new WireMockServer(options().dynamicPort());
        x.start();
    }

    @AfterAll
    static void stop() {
        x.stop();
    }

    @BeforeEach
    void reset() {
        x.resetAll();
        sender = new TwitterSender(new TestTwitterConfig(x.baseUrl() + "/1.1/", x.baseUrl()));
    }

    private static OutboundMessage reply(String text, List<QuickReply> quickReplies) {
        return new OutboundMessage(7, Origin.BOT, Channel.TWITTER, new Address(Channel.TWITTER, "1000000000000000002"),
                new Address(Channel.TWITTER, "1000000000000000001"), text, "ar", quickReplies, Map.of(), 1);
    }

    @Test
    void acceptedDmGivesTheEventIdOfItsEcho() {
        String text = "حالة القضية 1446-000123: قيد المراجعة";
        XApiStubs.stubSend(x, XApiStubs.created("1100000000000000100", "1000000000000000002", text));

        SendResult result = sender.send(reply(text, List.of(new QuickReply("قضية أخرى", "ANOTHER_CASE"),
                new QuickReply("مساعدة", "HELP"))));

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
        assertThat(result.providerMessageId()).isEqualTo("1100000000000000100");
        assertThat(result.status()).isEqualTo(DeliveryStatus.SENT);
        x.verify(1, postRequestedFor(urlPathEqualTo(XApiStubs.NEW_EVENT))
                .withHeader("Authorization", matching("OAuth .*oauth_consumer_key=\"FakeConsumerKey0123456789\".*"))
                .withHeader("Authorization", containing("oauth_signature_method=\"HMAC-SHA1\""))
                .withRequestBody(matchingJsonPath("$.event.type", equalTo("message_create")))
                .withRequestBody(matchingJsonPath("$.event.message_create.target.recipient_id", equalTo("1000000000000000002")))
                .withRequestBody(matchingJsonPath("$.event.message_create.message_data.text", equalTo(text)))
                .withRequestBody(matchingJsonPath("$.event.message_create.message_data.quick_reply.type", equalTo("options")))
                .withRequestBody(matchingJsonPath("$.event.message_create.message_data.quick_reply.options[1].metadata", equalTo("HELP")))
                .withRequestBody(matchingJsonPath("$.event.message_create.message_data.quick_reply.options[0].label", equalTo("قضية أخرى"))));
    }

    @Test
    void rateLimitIsRetriedAfterTheReset() {
        XApiStubs.stubSend(x, XApiStubs.rateLimited(Instant.now().plusSeconds(120)));

        SendResult result = sender.send(reply("hello", List.of()));

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.RETRY);
        assertThat(result.errorCode()).isEqualTo("88");
        assertThat(result.retryAfter()).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121));
    }

    @Test
    void rateLimitWithOnlyTheResetHeader() {
        XApiStubs.stubSend(x, XApiStubs.error(429, 88, "Rate limit exceeded")
                .withHeader("x-rate-limit-reset", Long.toString(Instant.now().plusSeconds(30).getEpochSecond())));

        SendResult result = sender.send(reply("hello", List.of()));

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.RETRY);
        assertThat(result.retryAfter()).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(31));
    }

    @ParameterizedTest
    @CsvSource({
            "403, 349, You cannot send messages to this user.",
            "403, 150, You cannot send messages to users who are not following you.",
            "404, 108, Cannot find specified user.",
            "404, 50, User not found."})
    void recipientErrorsAreFinalAndKeepTheirCode(int status, int code, String message) {
        XApiStubs.stubSend(x, XApiStubs.error(status, code, message));

        SendResult result = sender.send(reply("hello", List.of()));

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.FINAL_FAILURE);
        assertThat(result.errorCode()).isEqualTo(Integer.toString(code));
        assertThat(result.errorMessage()).isEqualTo(message);
        assertThat(result.status()).isEqualTo(DeliveryStatus.FAILED);
    }

    @ParameterizedTest
    @CsvSource({"420, 88", "500, 131", "503, 130"})
    void rateLimitCodeAndServerErrorsAreRetried(int status, int code) {
        XApiStubs.stubSend(x, XApiStubs.error(status, code, "Over capacity"));

        SendResult result = sender.send(reply("hello", List.of()));

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.RETRY);
        assertThat(result.errorCode()).isEqualTo(Integer.toString(code));
    }

    @Test
    void aTwoHundredWhoseBodyCannotBeReadIsSentOnceNotRetried() {
        // X created the DM; a body twitter4j cannot map must not make the engine send it again (8 times)
        XApiStubs.stubSend(x, com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"unexpected\":true}"));

        SendResult result = sender.send(reply("hello", List.of()));

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
        assertThat(result.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(result.providerMessageId()).isNull();
        x.verify(1, postRequestedFor(urlPathEqualTo(XApiStubs.NEW_EVENT)));
    }

    @Test
    void networkFailureIsRetried() {
        x.stop();
        try {
            SendResult result = sender.send(reply("hello", List.of()));
            assertThat(result.outcome()).isEqualTo(SendResult.Outcome.RETRY);
        } finally {
            x.start();
        }
    }

    @Test
    void textLimitIsTenThousand() {
        assertThat(sender.maxTextLength()).isEqualTo(10_000);
        assertThat(sender.channel()).isEqualTo(Channel.TWITTER);
    }
}
