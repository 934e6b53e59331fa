package gov.tawasul.channels.twilio;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.channels.common.WebhookHarness;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static gov.tawasul.channels.common.Signing.now;
import static gov.tawasul.channels.twilio.TwilioWebhooks.inboundSms;
import static gov.tawasul.channels.twilio.TwilioWebhooks.sentReply;
import static gov.tawasul.channels.twilio.TwilioWebhooks.statusCallback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhooks' own pool ({@code quarkus.datasource."ingest"}): with every connection of the default pool taken
 * (as a backlog of answers would take them), an inbound SMS and a status callback are still stored and
 * acknowledged at once.
 */
@QuarkusTest
@QuarkusTestResource(value = TwilioWireMockResource.class, restrictToAnnotatedClass = true)
class IngestPoolTest {

    @InjectTwilioApi
    WireMockServer twilio;

    /** The default pool: the reply path's. */
    @Inject
    Pool pool;

    @ConfigProperty(name = "quarkus.datasource.reactive.max-size")
    int defaultPoolSize;

    @Test
    void webhooksAreAcknowledgedWhileTheDefaultPoolHasNoConnectionLeft() throws Exception {
        WebhookHarness harness = new WebhookHarness(TwilioWebhooks.channel(twilio));
        harness.reset();
        sentReply("SENDING").arrange(harness);
        // warm-up (a fresh app's first requests are slow): both endpoints once, and the reply answered
        harness.post(statusCallback("sent", null), now()).statusCode(204);
        harness.post(inboundSms("SM0000000000000000000000000000b000", "status+12345"), now()).statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestDb.rows("select 1 from inbound_message "
                + "where channel = 'SMS' and state = 'RECEIVED'").isEmpty());
        List<SqlConnection> held = new ArrayList<>();
        try {
            for (int i = 0; i < defaultPoolSize; i++) {
                held.add(pool.getConnection().await().atMost(Duration.ofSeconds(10)));
            }
            CompletableFuture<?> waiting = pool.query("select 1").execute().subscribeAsCompletionStage();
            Thread.sleep(300);
            assertThat(waiting).as("a statement on the exhausted default pool waits").isNotDone();

            long began = System.nanoTime();
            harness.post(statusCallback("delivered", null), now()).statusCode(204);
            harness.post(inboundSms("SM0000000000000000000000000000b001", "status+12345"), now()).statusCode(200);
            long tookMs = (System.nanoTime() - began) / 1_000_000;

            assertThat(tookMs).as("both acknowledged (ms)").isLessThan(2_000);
            assertThat(TestDb.value("select status from outbound_message where provider_message_id = ?",
                    TwilioApiStubs.REPLY_SID)).isEqualTo("DELIVERED");
            assertThat(TestDb.value("select text from inbound_message where provider_message_id = ?",
                    "SM0000000000000000000000000000b001")).isEqualTo("status 12345");
            assertThat(waiting).as("still waiting: the acks used the other pool").isNotDone();
        } finally {
            held.forEach(c -> c.closeAndAwait());
        }
    }
}
