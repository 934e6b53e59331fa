package gov.tawasul.channels.facebook;

import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static gov.tawasul.channels.facebook.FbFixtures.PAGE_ID;
import static gov.tawasul.channels.facebook.FbTestData.postSigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15: a signed Messenger delivery of 300 messaging events (30 entries of 10, the shape of
 * fb-messenger-batched-multi-entry.json and fb-messenger-batched-multi-messaging.json; 30 citizens with 10 messages
 * each, their messages spread over the entries) is stored in one statement and acknowledged in well under Meta's
 * 20 s — under 1 s after a warm-up delivery —, every message in its order; the same delivery again (Meta's retry)
 * stores nothing new and is acknowledged as well.
 */
@QuarkusTest
@WithTestResource(GraphApiMock.class)
class MessengerBatchTest {

    static final int CITIZENS = 30;
    static final int PER_CITIZEN = 10;

    @BeforeEach
    void clean() {
        FbTestData.clean();
    }

    static String psid(int citizen) {
        return "20000000000%05d".formatted(100 + citizen);
    }

    /**
     * @param tag  makes the mids of one delivery
     * @param base the first event's time; every event is 1 ms later than the previous (two days old: stored, not
     *             answered — outside Messenger's 24-hour window — so that the test measures storing only)
     */
    static String delivery(String tag, long base) {
        List<String> entries = new ArrayList<>();
        int event = 0;
        for (int e = 0; e < CITIZENS; e++) {
            List<String> messaging = new ArrayList<>();
            for (int k = 0; k < PER_CITIZEN; k++, event++) {
                int citizen = event % CITIZENS;
                messaging.add(("{\"sender\":{\"id\":\"%s\"},\"recipient\":{\"id\":\"%s\"},\"timestamp\":%d,"
                        + "\"message\":{\"mid\":\"m_%s_%03d\",\"seq\":%d,\"text\":\"hello\"}}")
                        .formatted(psid(citizen), PAGE_ID, base + event, tag, event, event));
            }
            entries.add("{\"id\":\"%s\",\"time\":%d,\"messaging\":[%s]}".formatted(PAGE_ID, base + event,
                    String.join(",", messaging)));
        }
        return "{\"object\":\"page\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    static long count(String sql, Object... params) {
        return ((Number) TestDb.value(sql, params)).longValue();
    }

    @Test
    void aBatchOf300EventsIsStoredAndAcknowledgedInUnderASecondAndItsReplayStoresNothing() {
        long base = Instant.now().minus(Duration.ofDays(2)).toEpochMilli();
        postSigned(delivery("warmup", base)).statusCode(200);
        assertThat(count("select count(*) from inbound_message where channel = 'FACEBOOK'")).isEqualTo(300);
        // warmed up: the app has stored a delivery like it and handled its messages (the bot refused to answer
        // them: outside the 24-hour window), so the next one is timed on an app at rest
        await().atMost(Duration.ofSeconds(60)).until(() -> count("select count(*) from inbound_message "
                + "where channel = 'FACEBOOK' and state = 'RECEIVED'") == 0);

        String body = delivery("timed", base + 1_000);
        assertThat(body.length()).as("bytes of the delivery").isGreaterThan(40_000);
        long began = System.nanoTime();
        postSigned(body).statusCode(200);
        long tookMs = (System.nanoTime() - began) / 1_000_000;
        System.out.printf("300-event Messenger delivery acknowledged in %d ms%n", tookMs);
        assertThat(tookMs).as("ack of 300 events (ms)").isLessThan(1_000);

        assertThat(count("select count(*) from inbound_message where channel = 'FACEBOOK' "
                + "and provider_message_id like 'm_timed_%'")).isEqualTo(300);
        // ids in the events' order (by timestamp), per conversation too
        List<Map<String, Object>> rows = TestDb.rows("select provider_message_id from inbound_message "
                + "where provider_message_id like 'm_timed_%' order by id");
        List<String> expected = new ArrayList<>();
        for (int event = 0; event < 300; event++) {
            expected.add("m_timed_%03d".formatted(event));
        }
        assertThat(rows.stream().map(r -> (String) r.get("provider_message_id")).toList())
                .containsExactlyElementsOf(expected);
        assertThat(count("select count(*) from conversation where channel = 'FACEBOOK'")).isEqualTo(CITIZENS);
        assertThat(TestDb.rows("select c.citizen_address, count(*) as messages from inbound_message i "
                + "join conversation c on c.id = i.conversation_id where i.provider_message_id like 'm_timed_%' "
                + "group by c.citizen_address"))
                .hasSize(CITIZENS).allSatisfy(r -> assertThat(((Number) r.get("messages")).intValue())
                        .isEqualTo(PER_CITIZEN));
        assertThat(count("select (extract(epoch from last_inbound_at) * 1000)::bigint from conversation "
                + "where citizen_address = ?", psid(299 % CITIZENS)))
                .as("last_inbound_at of the conversation with the latest event").isEqualTo(base + 1_000 + 299);

        long replayBegan = System.nanoTime();
        postSigned(body).statusCode(200);
        System.out.printf("its replay acknowledged in %d ms%n", (System.nanoTime() - replayBegan) / 1_000_000);
        assertThat(count("select count(*) from inbound_message where channel = 'FACEBOOK'")).isEqualTo(600);
        assertThat(count("select count(*) from conversation where channel = 'FACEBOOK'")).isEqualTo(CITIZENS);
    }
}
