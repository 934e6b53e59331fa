package gov.tawasul.engine.handoff;

import gov.tawasul.engine.events.ConversationEvent;
import gov.tawasul.engine.events.ConversationEvents;
import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.model.ConversationState;
import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.testing.ConversationScript;
import gov.tawasul.engine.testing.EngineTestProfile;
import gov.tawasul.engine.testing.RecordingSender;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static gov.tawasul.engine.testing.ConversationScript.containing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Staff actions on conversations: one owner at a time, decided by the database. */
@QuarkusTest
@TestProfile(EngineTestProfile.class)
class HandoffsTest {

    static final String BOT = "+15555550166";

    @Inject
    Handoffs handoffs;
    @Inject
    Inbox inbox;
    @Inject
    RecordingSender sender;
    @Inject
    ConversationEvents events;

    ConversationScript script;

    @BeforeEach
    void script() {
        script = new ConversationScript(inbox, sender, BOT, handoffs);
    }

    static String newCitizen() {
        return "+9665" + (40000000 + (int) (Math.random() * 59999999));
    }

    /** A conversation waiting for staff. */
    private ConversationScript.Citizen waiting(String phone) {
        return script.citizen(phone).says("موظف").botReplies(containing("موظفينا"))
                .isNow(ConversationState.WAITING_FOR_AGENT);
    }

    private static <T> T run(Supplier<Uni<T>> action) {
        try {
            return VertxContextSupport.subscribeAndAwait(action);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void ofAgentsRacingForOneConversationExactlyOneWins() throws Exception {
        long id = waiting(newCitizen()).conversationId();
        int agents = 8;
        ExecutorService pool = Executors.newFixedThreadPool(agents);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HandoffOutcome>> results = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            String agent = "agent-" + i;
            results.add(pool.submit(() -> {
                start.await();
                return run(() -> handoffs.takeOver(id, agent, false));
            }));
        }
        start.countDown();
        List<HandoffOutcome> outcomes = new ArrayList<>();
        for (Future<HandoffOutcome> f : results) {
            outcomes.add(f.get());
        }
        pool.shutdown();

        List<HandoffOutcome.Done> winners = outcomes.stream().filter(HandoffOutcome.Done.class::isInstance)
                .map(HandoffOutcome.Done.class::cast).toList();
        assertThat(winners).hasSize(1);
        String winner = winners.get(0).conversation().assignedAgent();
        assertThat(winners.get(0).conversation().state()).isEqualTo(ConversationState.WITH_AGENT);
        assertThat(outcomes).filteredOn(HandoffOutcome.HeldBy.class::isInstance).hasSize(agents - 1)
                .allSatisfy(o -> assertThat(o).isEqualTo(new HandoffOutcome.HeldBy(winner)));
        Map<String, Object> row = TestDb.rows("select state, assigned_agent, assigned_at, waiting_since "
                + "from conversation where id = ?", id).get(0);
        assertThat(row).containsEntry("state", "WITH_AGENT").containsEntry("assigned_agent", winner)
                .containsEntry("waiting_since", null);
        assertThat(row.get("assigned_at")).isNotNull();
    }

    @Test
    void aSecondAgentIsToldWhoHoldsItAndOnlyASupervisorOverrides() {
        long id = waiting(newCitizen()).conversationId();
        List<ConversationEvent> seen = new CopyOnWriteArrayList<>();
        Cancellable subscription = events.stream().subscribe().with(seen::add);
        try {
            assertThat(run(() -> handoffs.takeOver(id, "sara", false))).isInstanceOf(HandoffOutcome.Done.class);
            // taking it again changes nothing (no event)
            HandoffOutcome again = run(() -> handoffs.takeOver(id, "sara", false));
            assertThat(((HandoffOutcome.Done) again).conversation().assignedAgent()).isEqualTo("sara");
            assertThat(run(() -> handoffs.claimForReply(id, "sara"))).isInstanceOf(HandoffOutcome.Done.class);

            assertThat(run(() -> handoffs.takeOver(id, "omar", false))).isEqualTo(new HandoffOutcome.HeldBy("sara"));
            assertThat(run(() -> handoffs.claimForReply(id, "omar"))).isEqualTo(new HandoffOutcome.HeldBy("sara"));
            assertThat(run(() -> handoffs.handBack(id, "omar", false))).isEqualTo(new HandoffOutcome.HeldBy("sara"));
            assertThat(run(() -> handoffs.close(id, "omar", false))).isEqualTo(new HandoffOutcome.HeldBy("sara"));

            HandoffOutcome reassigned = run(() -> handoffs.takeOver(id, "omar", true));
            ConversationView view = ((HandoffOutcome.Done) reassigned).conversation();
            assertThat(view.assignedAgent()).isEqualTo("omar");
            assertThat(view.state()).isEqualTo(ConversationState.WITH_AGENT);
            assertThat(run(() -> handoffs.claimForReply(id, "sara"))).isEqualTo(new HandoffOutcome.HeldBy("omar"));

            // a supervisor closes it for omar; closing again is done already
            HandoffOutcome closed = run(() -> handoffs.close(id, "lead", true));
            assertThat(((HandoffOutcome.Done) closed).conversation().state()).isEqualTo(ConversationState.CLOSED);
            assertThat(((HandoffOutcome.Done) closed).conversation().assignedAgent()).isNull();
            assertThat(run(() -> handoffs.close(id, "sara", false))).isInstanceOf(HandoffOutcome.Done.class);
            // handing back a closed conversation changes nothing and sends nothing
            int sent = sender.sentTo((String) TestDb.value("select citizen_address from conversation where id = ?", id))
                    .size();
            HandoffOutcome back = run(() -> handoffs.handBack(id, "sara", false));
            assertThat(((HandoffOutcome.Done) back).conversation().state()).isEqualTo(ConversationState.CLOSED);
            assertThat(sender.sentTo((String) TestDb.value("select citizen_address from conversation where id = ?",
                    id))).hasSize(sent);

            await().atMost(Duration.ofSeconds(5)).until(() -> stateEvents(seen, id).size() >= 3);
            assertThat(stateEvents(seen, id)).containsExactly("WITH_AGENT", "WITH_AGENT", "CLOSED");
        } finally {
            subscription.cancel();
        }
    }

    @Test
    void unknownConversationsAndAgents() {
        assertThat(run(() -> handoffs.takeOver(Long.MAX_VALUE, "sara", false)))
                .isEqualTo(new HandoffOutcome.NotFound());
        assertThat(run(() -> handoffs.handBack(Long.MAX_VALUE, "sara", true))).isEqualTo(new HandoffOutcome.NotFound());
        assertThat(run(() -> handoffs.close(Long.MAX_VALUE, "sara", false))).isEqualTo(new HandoffOutcome.NotFound());
        assertThatThrownBy(() -> handoffs.takeOver(1, " ", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> handoffs.close(1, "x".repeat(65), false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBotConversationCanBeTakenAndAWaitingOneHandedBackUntaken() {
        ConversationScript.Citizen citizen = script.citizen(newCitizen()).says("help").botReplies(containing("1446"));
        long id = citizen.conversationId();
        HandoffOutcome taken = run(() -> handoffs.takeOver(id, "sara", false));
        assertThat(((HandoffOutcome.Done) taken).conversation().state()).isEqualTo(ConversationState.WITH_AGENT);
        script.agent("sara").handsBack(citizen);
        citizen.botReplies(containing("Your conversation with our staff has ended")).isNow(ConversationState.BOT);

        ConversationScript.Citizen other = waiting(newCitizen());
        script.agent("omar").handsBack(other);
        other.botReplies(containing("انتهت المحادثة")).isNow(ConversationState.BOT);
        assertThat(TestDb.value("select waiting_since from conversation where id = ?", other.conversationId())).isNull();
    }

    private static List<String> stateEvents(List<ConversationEvent> events, long conversationId) {
        return events.stream().filter(e -> e.conversationId() == conversationId
                && e.type() == ConversationEvent.Type.CONVERSATION_STATE).map(ConversationEvent::state).toList();
    }
}
