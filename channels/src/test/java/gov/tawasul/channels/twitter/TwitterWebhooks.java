package gov.tawasul.channels.twitter;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import gov.tawasul.channels.common.ExpectedOutbound;
import gov.tawasul.channels.common.ExpectedResponse;
import gov.tawasul.channels.common.Given;
import gov.tawasul.channels.common.ProviderApi;
import gov.tawasul.channels.common.Signing;
import gov.tawasul.channels.common.WebhookChannel;
import gov.tawasul.channels.common.WebhookRequest;
import gov.tawasul.engine.testing.TestDb;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static gov.tawasul.channels.common.ExpectedOutbound.outbound;
import static org.awaitility.Awaitility.await;

/**
 * X's webhook for the {@link gov.tawasul.channels.common.WebhookHarness}: the channel (X signs the raw body with the
 * consumer secret, {@link TwitterTestData#sign(String, byte[])}; the URL is not signed), requests in X's formats
 * (the twitter-aaa fixtures, the Account Activity and X Activity deliveries {@link TwitterTestData} builds), and a
 * real reply of the bot whose event id the rows know ({@link #botReplied()}).
 */
final class TwitterWebhooks {

    static final String PATH = "/webhooks/twitter";
    /** Our account, {@code tawasul.twitter.user-id}: nothing is ever sent to it. */
    static final String US = "1000000000000000001";
    /** The sender of the twitter-aaa fixtures, the registered contact of case 12345. */
    static final String FIXTURE_CITIZEN = "1000000000000000002";
    /** A citizen whose replies X answers with the event id {@link #REPLY_ID} ({@link #stubSends}). */
    static final String CITIZEN = "1000000000000000302";
    /** The event id of the DM {@link #CITIZEN} sends in {@link #botReplied()}. */
    static final String CITIZEN_DM_ID = "1100000000000000302";
    /** The event id X gives every reply to {@link #CITIZEN}, and so the id of its echo. */
    static final String REPLY_ID = "1100000000000000392";
    static final String REPLY_TEXT = "help text";
    /** A delivery's answer: 200, empty, once its DMs are stored. */
    static final ExpectedResponse OK = ExpectedResponse.status(200).body("");

    /** The recipient of a {@code direct_messages/events/new} request. */
    private static final Function<LoggedRequest, String> RECIPIENT_OF =
            ProviderApi.jsonField("/event/message_create/target/recipient_id");
    private static final Duration REPLY_WITHIN = Duration.ofSeconds(10);

    private TwitterWebhooks() {
    }

    /** @param xApi the WireMock X API ({@link InjectXApi}), answering sends as {@link #stubSends} says */
    static WebhookChannel channel(WireMockServer xApi) {
        return new WebhookChannel("TWITTER",
                ConfigProvider.getConfig().getValue("tawasul.public-url", String.class),
                TwitterSignatureVerifier.HEADER, TwitterFixtures.SECRET,
                (secret, url, body) -> TwitterTestData.sign(secret, body),
                new ProviderApi(xApi, XApiStubs.NEW_EVENT, RECIPIENT_OF, TwitterWebhooks::stubSends));
    }

    /**
     * Every send succeeds with a fresh event id ({@link XApiWireMock#stubDefaultSend}), a send to {@link #CITIZEN}
     * with {@link #REPLY_ID}.
     */
    static void stubSends(WireMockServer xApi) {
        XApiWireMock.stubDefaultSend(xApi);
        xApi.stubFor(sendTo(CITIZEN).willReturn(XApiStubs.created(REPLY_ID, CITIZEN, REPLY_TEXT)));
    }

    /** @return a stub of the send call to one recipient, taking precedence over the default answer */
    static MappingBuilder sendTo(String recipient) {
        return post(urlPathEqualTo(XApiStubs.NEW_EVENT)).atPriority(1).withRequestBody(
                matchingJsonPath("$.event.message_create.target.recipient_id", equalTo(recipient)));
    }

    /** @return the send calls to {@code recipient} received so far, in arrival order (a scenario reads their bodies) */
    static List<LoggedRequest> sendsTo(WireMockServer xApi, String recipient) {
        return xApi.findAll(postRequestedFor(urlPathEqualTo(XApiStubs.NEW_EVENT))).stream()
                .filter(r -> recipient.equals(RECIPIENT_OF.apply(r))).toList();
    }

    /** @return a twitter-aaa fixture, byte for byte */
    static WebhookRequest fixture(String name) {
        return delivery(TwitterFixtures.bytes(name));
    }

    /** @return a delivery of these bytes, e.g. from {@link TwitterTestData} */
    static WebhookRequest delivery(byte[] body) {
        return WebhookRequest.post(PATH, WebhookRequest.JSON, body);
    }

    /** @return a delivery of this JSON text, UTF-8 encoded */
    static WebhookRequest delivery(String json) {
        return WebhookRequest.post(PATH, WebhookRequest.JSON, json);
    }

    /** @return the {@code x-twitter-webhooks-signature} twitter-signature-vectors.json gives for a fixture */
    static Signing recordedSignatureOf(String fixture) {
        return Signing.recorded(TwitterFixtures.json("twitter-signature-vectors.json")
                .at("/signature/fixture_signatures").path(fixture).path("x_twitter_webhooks_signature").asText());
    }

    /** @return the challenge-response check with this raw query */
    static WebhookRequest crc(String query) {
        return WebhookRequest.get(query.isEmpty() ? PATH : PATH + "?" + query);
    }

    /** @return {@link #CITIZEN}'s DM asking for help, the unicode fixture re-signed: the bot answers it */
    static WebhookRequest citizenDm() {
        return delivery(TwitterTestData.dmFromFixture(CITIZEN_DM_ID, CITIZEN, "help"));
    }

    /** @return the Account Activity echo of the bot's reply to {@link #CITIZEN}, sent by our app */
    static WebhookRequest replyEcho() {
        return delivery(TwitterTestData.ownDm(REPLY_ID, CITIZEN, REPLY_TEXT, XApiWireMock.APP_ID));
    }

    /** The bot answered {@link #citizenDm()} for real: the DM went through the webhook, the reply is SENT. */
    static Given botReplied() {
        return harness -> {
            Given.posted(citizenDm(), Signing.now(), 200).arrange(harness);
            await("the bot's reply " + REPLY_ID + " sent").atMost(REPLY_WITHIN).until(() -> !TestDb.rows(
                    "select 1 from outbound_message where channel = 'TWITTER' and provider_message_id = ?"
                            + " and status = 'SENT'", REPLY_ID).isEmpty());
        };
    }

    /** @return the bot's reply to {@link #CITIZEN}, the only outbound row however often it comes back */
    static ExpectedOutbound reply() {
        return outbound(REPLY_ID).origin("BOT").fromEcho(false).status("SENT").recipient(CITIZEN).sender(US);
    }

    /** @return a DM a person sent from our account, recorded from its echo as a staff message */
    static ExpectedOutbound staffDm(String eventId, String citizen, String text) {
        return outbound(eventId).origin("AGENT").fromEcho(true).status("SENT").recipient(citizen).sender(US)
                .text(text);
    }
}
