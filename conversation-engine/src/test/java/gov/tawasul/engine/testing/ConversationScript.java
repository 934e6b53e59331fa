package gov.tawasul.engine.testing;

import gov.tawasul.engine.handoff.HandoffOutcome;
import gov.tawasul.engine.handoff.Handoffs;
import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.ConversationState;
import gov.tawasul.engine.model.InboundBatch;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.outbox.OutboundDraft;
import gov.tawasul.engine.outbox.Outbox;
import gov.tawasul.engine.outbox.SendOutcome;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.VertxContextSupport;
import org.assertj.core.api.Condition;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Engine tests as scripts, one line per conversation turn, against the real engine (PostgreSQL, Redis, the local
 * case table) with a {@link RecordingSender} in place of the SMS channel:
 * <pre>
 * script.citizen("+966500009001").says("حالة ٩٠٠١-٠٠٠٠٠١").botReplies(containing("قيد الدراسة"))
 *       .says("STOP").botStaysSilent();
 * </pre>
 * {@link Citizen#says} stores the message through {@link Inbox#accept} exactly as a webhook would;
 * {@link Citizen#botReplies} waits (up to 10 s) for the next message sent to that citizen (whatever its origin: a
 * staff notice too) and checks its text; {@link Citizen#botStaysSilent} waits until the message was handled and
 * checks that nothing was sent; {@link Citizen#isNow} checks the conversation's state. Staff act through
 * {@link Handoffs}: {@code script.agent("sara").takesOver(citizen)}, {@code .says(citizen, "…")} (claims the
 * conversation and sends an {@code AGENT} message through the outbox, as the console does), {@code .handsBack(citizen)},
 * {@code .closes(citizen)}.
 */
public final class ConversationScript {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Inbox inbox;
    private final RecordingSender sender;
    private final String bot;
    private final Handoffs handoffs;

    /**
     * @param inbox  the engine's inbox
     * @param sender the recording SMS sender of {@link EngineTestProfile}
     * @param bot    our SMS number the citizens write to
     */
    public ConversationScript(Inbox inbox, RecordingSender sender, String bot) {
        this(inbox, sender, bot, null);
    }

    /** A script in which staff act too, through {@code handoffs}. */
    public ConversationScript(Inbox inbox, RecordingSender sender, String bot, Handoffs handoffs) {
        this.inbox = inbox;
        this.sender = sender;
        this.bot = bot;
        this.handoffs = handoffs;
    }

    /** @return a staff member acting on conversations under {@code username} */
    public Agent agent(String username) {
        if (handoffs == null) {
            throw new IllegalStateException("a script with staff needs the Handoffs constructor");
        }
        return new Agent(username);
    }

    /** @return a citizen writing by SMS from {@code phone} */
    public Citizen citizen(String phone) {
        return new Citizen(new Address(Channel.SMS, phone), new Address(Channel.SMS, bot));
    }

    /**
     * @param citizen the citizen's address on any channel (the test profile must record that channel's sends)
     * @param bot     our address on that channel (Page id, X account, …)
     * @return a citizen writing on {@code citizen}'s channel
     */
    public Citizen citizen(Address citizen, Address bot) {
        return new Citizen(citizen, bot);
    }

    /** @return a reply expectation: the text contains every one of {@code parts} */
    public static Condition<String> containing(String... parts) {
        return new Condition<>(text -> text != null && Arrays.stream(parts).allMatch(text::contains),
                "containing %s", Arrays.toString(parts));
    }

    /** @return a reply expectation: the text contains none of {@code parts} */
    public static Condition<String> notContaining(String... parts) {
        return new Condition<>(text -> text != null && Arrays.stream(parts).noneMatch(text::contains),
                "containing none of %s", Arrays.toString(parts));
    }

    /** One citizen's side of the conversation. */
    public final class Citizen {

        private final String phone;
        private final Address address;
        private final Address botAddress;
        private int replies;
        private String lastProviderId;
        private OutboundMessage lastReply;

        private Citizen(Address address, Address botAddress) {
            this.phone = address.value();
            this.address = address;
            this.botAddress = botAddress;
            this.replies = sender.sentTo(address.channel(), phone).size();
        }

        /** @return the last reply {@link #botReplies} checked, or null */
        public OutboundMessage lastReply() {
            return lastReply;
        }

        /** The citizen sends {@code text}; returns once it is stored (as a webhook's acknowledgement would). */
        public Citizen says(String text) {
            lastProviderId = "SM" + UUID.randomUUID().toString().replace("-", "");
            InboundMessage message = new InboundMessage(address.channel(), lastProviderId, address, botAddress,
                    InboundKind.TEXT, text, null, Instant.now(), null, Map.of());
            try {
                VertxContextSupport.subscribeAndAwait(() -> inbox.accept(InboundBatch.of(message)));
            } catch (Throwable e) {
                throw new AssertionError("the inbox refused the message", e);
            }
            return this;
        }

        /** The bot's next message to this citizen satisfies {@code expected}. */
        public Citizen botReplies(Condition<String> expected) {
            int index = replies;
            await().atMost(WAIT).pollInterval(Duration.ofMillis(5))
                    .until(() -> sender.sentTo(address.channel(), phone).size() > index);
            OutboundMessage reply = sender.sentTo(address.channel(), phone).get(index);
            replies = index + 1;
            lastReply = reply;
            assertThat(reply.text()).as("reply %d to %s", index + 1, phone).is(expected);
            return this;
        }

        /** The last message was handled without an answer and the bot sent nothing. */
        public Citizen botStaysSilent() {
            await().atMost(WAIT).until(() -> !"RECEIVED".equals(lastMessage().get("state")));
            assertThat(lastMessage().get("state")).as("state of the last message").isNotEqualTo("ANSWERED");
            assertThat(sender.sentTo(address.channel(), phone)).as("messages sent to %s", phone).hasSize(replies);
            return this;
        }

        /** The conversation is now in {@code state} (waits up to 10 s for it). */
        public Citizen isNow(ConversationState state) {
            await().atMost(WAIT).until(() -> state.name().equals(TestDb.value(
                    "select state from conversation where id = ?", conversationId())));
            return this;
        }

        /** @return the conversation's id (the citizen wrote at least once) */
        public long conversationId() {
            return ((Number) TestDb.value("select id from conversation where channel = ? and citizen_address = ? "
                    + "and bot_address = ?", address.channel().name(), phone, botAddress.value())).longValue();
        }

        /** @return what became of the last message ({@code inbound_message.state} and {@code intent}) */
        public Map<String, Object> lastMessage() {
            return TestDb.rows("select state, intent from inbound_message where channel = ? "
                    + "and provider_message_id = ?", address.channel().name(), lastProviderId).get(0);
        }
    }

    /** A staff member: every action is expected to succeed ({@link HandoffOutcome.Done}). */
    public final class Agent {

        private final String username;

        private Agent(String username) {
            this.username = username;
        }

        /** Takes the citizen's conversation. */
        public Agent takesOver(Citizen citizen) {
            return expectDone(() -> handoffs.takeOver(citizen.conversationId(), username, false));
        }

        /**
         * Writes to the citizen as the console does: claims the conversation for the reply ({@link Handoffs#claimForReply})
         * and sends {@code text} as an {@code AGENT} message through the {@link Outbox}, in Arabic.
         */
        public Agent says(Citizen citizen, String text) {
            HandoffOutcome outcome;
            SendOutcome sent;
            try {
                outcome = VertxContextSupport.subscribeAndAwait(
                        () -> handoffs.claimForReply(citizen.conversationId(), username));
                assertThat(outcome).as("claim for %s", username).isInstanceOf(HandoffOutcome.Done.class);
                ConversationView view = ((HandoffOutcome.Done) outcome).conversation();
                Outbox outbox = Arc.container().instance(Outbox.class).get();
                sent = VertxContextSupport.subscribeAndAwait(
                        () -> outbox.send(OutboundDraft.message(Origin.AGENT, view, text, "ar")));
            } catch (Throwable e) {
                throw new AssertionError(username + ": the message failed", e);
            }
            assertThat(sent).as("agent message of %s", username).isNotInstanceOf(SendOutcome.Refused.class);
            return this;
        }

        /** Hands the citizen's conversation back to the bot (the citizen is told). */
        public Agent handsBack(Citizen citizen) {
            return expectDone(() -> handoffs.handBack(citizen.conversationId(), username, false));
        }

        /** Closes the citizen's conversation. */
        public Agent closes(Citizen citizen) {
            return expectDone(() -> handoffs.close(citizen.conversationId(), username, false));
        }

        private Agent expectDone(Supplier<io.smallrye.mutiny.Uni<HandoffOutcome>> action) {
            HandoffOutcome outcome;
            try {
                outcome = VertxContextSupport.subscribeAndAwait(action);
            } catch (Throwable e) {
                throw new AssertionError(username + ": the action failed", e);
            }
            assertThat(outcome).as("outcome for %s", username).isInstanceOf(HandoffOutcome.Done.class);
            return this;
        }
    }
}
