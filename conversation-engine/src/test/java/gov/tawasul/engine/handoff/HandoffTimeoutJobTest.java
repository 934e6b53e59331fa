package gov.tawasul.engine.handoff;

import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.model.ConversationState;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.testing.ConversationScript;
import gov.tawasul.engine.testing.EngineTestProfile;
import gov.tawasul.engine.testing.RecordingSender;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static gov.tawasul.engine.testing.ConversationScript.containing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A conversation held and silent for {@code tawasul.staff.handoff-timeout} (30 min) goes back to the bot and the
 * citizen is told; the silence is made by moving the conversation's last activity back (the job runs every second
 * in tests).
 */
@QuarkusTest
@TestProfile(EngineTestProfile.class)
class HandoffTimeoutJobTest {

    static final String BOT = "+15555550155";

    @Inject
    Inbox inbox;
    @Inject
    RecordingSender sender;
    @Inject
    Handoffs handoffs;
    @Inject
    HandoffTimeoutJob job;

    static String newCitizen() {
        return "+9665" + (40000000 + (int) (Math.random() * 59999999));
    }

    private ConversationScript.Citizen heldBySara(String phone) {
        ConversationScript script = new ConversationScript(inbox, sender, BOT, handoffs);
        ConversationScript.Citizen citizen = script.citizen(phone).says("agent").botReplies(containing("staff"));
        script.agent("sara").takesOver(citizen);
        return citizen.isNow(ConversationState.WITH_AGENT);
    }

    private static void silentFor(long conversationId, Duration silence) {
        TestDb.execute("update conversation set last_activity_at = now() - cast(? as interval) where id = ?",
                silence.toSeconds() + " seconds", conversationId);
    }

    @Test
    void aHeldConversationSilentForTheTimeoutGoesBackToTheBotAndTheCitizenIsTold() {
        assertThat(job.timeout()).isEqualTo(Duration.ofMinutes(30));
        String phone = newCitizen();
        ConversationScript.Citizen citizen = heldBySara(phone);
        String quiet = newCitizen();
        ConversationScript.Citizen notYet = heldBySara(quiet);

        // a question nobody answered while held
        citizen.says("can you help me please").botStaysSilent();
        silentFor(citizen.conversationId(), Duration.ofMinutes(31));
        silentFor(notYet.conversationId(), Duration.ofMinutes(29));
        citizen.botReplies(containing("Our staff have not written for a while")).isNow(ConversationState.BOT);
        assertThat(TestDb.rows("select assigned_agent, assigned_at from conversation where id = ?",
                citizen.conversationId()).get(0)).containsEntry("assigned_agent", null).containsEntry("assigned_at", null);
        OutboundMessage notice = citizen.lastReply();
        assertThat(notice.origin()).isEqualTo(gov.tawasul.engine.model.Origin.SYSTEM);
        assertThat(notice.locale()).isEqualTo("en");

        // the bot answers the question left unanswered, then again whatever comes; the conversation silent for
        // less stays with its agent
        citizen.botReplies(containing("Welcome to the case status service"));
        citizen.says("help").botReplies(containing("1446-000123"));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(TestDb.value("select state from conversation where id = ?", notYet.conversationId()))
                .isEqualTo("WITH_AGENT");
        assertThat(sender.sentTo(quiet)).hasSize(1);
    }

    @Test
    void twoInstancesTimingOutAtOnceTellTheCitizenOnce() throws Exception {
        String phone = newCitizen();
        ConversationScript.Citizen citizen = heldBySara(phone);
        silentFor(citizen.conversationId(), Duration.ofHours(2));
        // two passes at once besides the scheduled one: each conversation is moved, and told, by one of them
        List<CompletableFuture<Integer>> passes = List.of(pass(), pass(), pass());
        passes.forEach(CompletableFuture::join);
        await().atMost(Duration.ofSeconds(10)).until(() -> "BOT".equals(TestDb.value(
                "select state from conversation where id = ?", citizen.conversationId())));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(sender.sentTo(phone)).extracting(OutboundMessage::text)
                .filteredOn(t -> t.startsWith("Our staff have not written")).hasSize(1);
        assertThat(TestDb.value("select count(*) from outbound_message where conversation_id = ? and origin = 'SYSTEM'",
                citizen.conversationId())).isEqualTo(1L);
    }

    private CompletableFuture<Integer> pass() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return VertxContextSupport.subscribeAndAwait(() -> handoffs.timeOutSilent(job.timeout()));
            } catch (Throwable e) {
                throw new AssertionError(e);
            }
        });
    }
}
