package gov.tawasul.engine.store;

import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryReceipt;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.InboundBatch;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A receipt written while another statement holds the message's row and moves it on (Twilio's {@code sent} and
 * {@code delivered} of one message in two concurrent groups) is applied to the row as that statement left it: here a
 * transaction moves the row SENDING → SENT and commits only after the {@code delivered} receipt's statement started
 * and waits for the row; the message must end DELIVERED (it stayed SENT: field case F06, found by the review of
 * 2026-12-03 with 50 concurrent callbacks).
 */
@QuarkusTest
class ReceiptRaceTest {

    @Inject
    Inbox inbox;

    @Test
    void aReceiptWaitingForTheRowAppliesToItsNewestStatus() throws Exception {
        String citizen = "+9665" + (10_000_000 + (int) (Math.random() * 89_999_999));
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        long conversation = ((Number) TestDb.value("insert into conversation (channel, citizen_address, bot_address) "
                + "values ('SMS', ?, '+15005550006') returning id", citizen)).longValue();
        long outbound = ((Number) TestDb.value("insert into outbound_message (conversation_id, origin, channel, "
                + "recipient, sender, text, status, provider_message_id) values (?, 'BOT', 'SMS', ?, '+15005550006', "
                + "'reply', 'SENDING', ?) returning id", conversation, citizen, sid)).longValue();

        var config = ConfigProvider.getConfig();
        try (Connection other = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""))) {
            other.setAutoCommit(false);
            try (PreparedStatement sent = other.prepareStatement(
                    "update outbound_message set status = 'SENT', sent_at = now() where id = ?")) {
                sent.setLong(1, outbound);
                assertThat(sent.executeUpdate()).isEqualTo(1);
            }
            CompletableFuture<Object> delivered = CompletableFuture.supplyAsync(() -> {
                try {
                    return VertxContextSupport.subscribeAndAwait(() -> inbox.accept(new InboundBatch(List.of(),
                            List.of(new DeliveryReceipt(Channel.SMS, sid, DeliveryStatus.DELIVERED, null, null,
                                    Instant.now())), List.of(), List.of())));
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            });
            // the receipt's statement has started and waits for the row the other transaction holds
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && ((Number) TestDb.value("select count(*) from pg_stat_activity "
                    + "where wait_event_type = 'Lock' and query like '%delivery_receipt%'")).longValue() == 0) {
                Thread.sleep(20);
            }
            assertThat(delivered).as("the receipt waits for the row").isNotDone();
            other.commit();
            delivered.get(10, TimeUnit.SECONDS);
        }
        assertThat(TestDb.value("select status from outbound_message where id = ?", outbound)).isEqualTo("DELIVERED");
        assertThat(TestDb.value("select delivered_at is not null from outbound_message where id = ?", outbound))
                .isEqualTo(true);
    }
}
