package gov.tawasul.channels.facebook;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.channels.common.ExpectedResponse;
import gov.tawasul.channels.common.ProviderApi;
import gov.tawasul.channels.common.Signing;
import gov.tawasul.channels.common.WebhookChannel;
import gov.tawasul.channels.common.WebhookRequest;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Meta's Messenger webhook for the {@link gov.tawasul.channels.common.WebhookHarness}: the channel (Meta signs the
 * raw body with the app secret, {@link FbTestData#sign}; the URL is not signed) and requests in Meta's format.
 */
final class MessengerWebhooks {

    static final String PATH = "/webhooks/facebook";
    /** An event delivery's answer: 200, empty, once everything is stored. */
    static final ExpectedResponse OK = ExpectedResponse.status(200).body("");

    private MessengerWebhooks() {
    }

    /** @param graph the WireMock Graph API ({@link InjectGraphApi}); every send is accepted */
    static WebhookChannel channel(WireMockServer graph) {
        return new WebhookChannel("FACEBOOK",
                ConfigProvider.getConfig().getValue("tawasul.public-url", String.class),
                MessengerSignatureVerifier.HEADER, FbFixtures.APP_SECRET,
                (secret, url, body) -> FbTestData.sign(secret, body),
                new ProviderApi(graph, GraphApiMock.SEND_PATH, ProviderApi.jsonField("/recipient/id"),
                        GraphApiMock::acceptEverySend));
    }

    /** @return an fb-messenger fixture, byte for byte */
    static WebhookRequest fixture(String name) {
        return WebhookRequest.post(PATH, WebhookRequest.JSON, FbFixtures.bytes(name));
    }

    /** @return a fixture-shaped body changed by the test */
    static WebhookRequest event(String json) {
        return WebhookRequest.post(PATH, WebhookRequest.JSON, json);
    }

    /** @return the {@code X-Hub-Signature-256} the vectors file gives for a fixture */
    static Signing recordedSignatureOf(String fixture) {
        return Signing.recorded(FbFixtures.signature(fixture));
    }

    /** @return the subscription check with this raw query */
    static WebhookRequest subscriptionCheck(String query) {
        return WebhookRequest.get(query.isEmpty() ? PATH : PATH + "?" + query);
    }
}
