package gov.tawasul.channels.twitter;

import com.github.tomakehurst.wiremock.WireMockServer;

import static io.restassured.RestAssured.given;

/**
 * A citizen sending the bot's X account a direct message through the Account Activity webhook (the unicode DM
 * fixture with another event id, sender and text, signed with the fixtures' consumer secret), for tests outside this
 * package; needs {@link XApiWireMock}.
 */
public final class XCitizen {

    private XCitizen() {
    }

    /** Every DM the bot sends is accepted by the WireMock X API. */
    public static void acceptSends(WireMockServer xApi) {
        XApiWireMock.stubDefaultSend(xApi);
    }

    /** Posts the DM; asserts the webhook answered 200. */
    public static void sends(String eventId, String senderId, String text) {
        byte[] body = TwitterTestData.dmFromFixture(eventId, senderId, text);
        given().contentType("application/json").header(TwitterSignatureVerifier.HEADER, TwitterTestData.sign(body))
                .body(body).post("/webhooks/twitter").then().statusCode(200);
    }

    /** @return how many DMs the bot sent {@code recipient} */
    public static int sentTo(WireMockServer xApi, String recipient) {
        return TwitterWebhooks.sendsTo(xApi, recipient).size();
    }
}
