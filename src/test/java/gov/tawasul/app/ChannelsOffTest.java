package gov.tawasul.app;

import gov.tawasul.channels.common.ChannelsOn;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.outbox.OutboundDraft;
import gov.tawasul.engine.outbox.Outbox;
import gov.tawasul.engine.outbox.SendOutcome;
import gov.tawasul.engine.policy.SendDecision;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * The default test profile has no X and no e-mail credentials (like a fresh machine): those channels are off — X's
 * webhooks answer 404 problem+json, nothing is sent (refused CHANNEL_OFF, no row) — while SMS and Messenger, whose
 * test credentials are set, are on.
 */
@QuarkusTest
class ChannelsOffTest {

    @Inject
    ChannelsOn channels;
    @Inject
    Outbox outbox;

    @Test
    void channelsWithoutCredentialsAreOffAndTheOthersOn() {
        assertThat(channels.isOn(Channel.SMS)).isTrue();
        assertThat(channels.isOn(Channel.FACEBOOK)).isTrue();
        assertThat(channels.isOn(Channel.TWITTER)).isFalse();
        assertThat(channels.isOn(Channel.EMAIL)).isFalse();
    }

    @Test
    void theWebhooksOfAnOffChannelAnswer404ProblemJson() {
        given().contentType("application/json").body("{}").post("/webhooks/twitter").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("X channel is off"));
        given().queryParam("crc_token", "abc").get("/webhooks/twitter").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anOffChannelSendsNothingAndSaysWhy() {
        Address citizen = new Address(Channel.TWITTER, "2244994945");
        Address bot = new Address(Channel.TWITTER, "1000000000000000001");
        long before = (Long) TestDb.value("select count(*) from outbound_message where channel = 'TWITTER'");
        SendOutcome outcome = outbox.send(OutboundDraft.message(Origin.SYSTEM, citizen, bot, "hello", "en"))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(outcome).isInstanceOf(SendOutcome.Refused.class);
        assertThat(((SendOutcome.Refused) outcome).reason()).isEqualTo(SendDecision.Reason.CHANNEL_OFF);
        assertThat(TestDb.value("select count(*) from outbound_message where channel = 'TWITTER'")).isEqualTo(before);
    }
}
