package gov.tawasul.engine.processing;

import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.outbox.OutboundDraft;
import gov.tawasul.engine.outbox.Outbox;
import gov.tawasul.engine.outbox.SendOutcome;
import gov.tawasul.engine.reply.Reply;
import gov.tawasul.engine.reply.ReplyComposer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The bot's own confirmation of an SMS opt-out or opt-in that the provider does not handle — an Arabic keyword
 * ({@code إيقاف}, {@code اشتراك}, …) that Twilio's opt-out handling does not know (Twilio answers its own keywords,
 * STOP and START, itself; https://help.twilio.com/articles/223134027). Sent after the opt-out or opt-in is
 * committed, in the citizen's language, as a {@link Origin#SYSTEM} message through the {@link Outbox}: so it reaches
 * the citizen whoever holds the conversation, like Twilio's own confirmation would.
 * <p>
 * The opt-out confirmation is the one message sent after an opt-out, and only after a new one (a repeated keyword
 * gets nothing: confirmed once); the outbox decides on the conversation as it was before the keyword (not opted
 * out). At most once: a crash between the opt-out and its confirmation loses the confirmation, never the opt-out, and
 * a first attempt that fails transiently is not retried (the retry rule refuses messages to an opted-out citizen).
 * Must be called on a Vert.x event-loop context.
 */
@ApplicationScoped
public class OptOutConfirmations {

    private static final Logger LOG = Logger.getLogger(OptOutConfirmations.class);

    private final ReplyComposer composer;
    private final Outbox outbox;

    OptOutConfirmations(ReplyComposer composer, Outbox outbox) {
        this.composer = composer;
        this.outbox = outbox;
    }

    /**
     * Confirms an opt-out just recorded.
     *
     * @param conversation the conversation as read before the opt-out
     * @param locale       the citizen's language ({@code ar}/{@code en})
     */
    public Uni<Void> optedOut(ConversationView conversation, String locale) {
        return send(conversation, composer.optOutConfirmed(locale));
    }

    /**
     * Confirms an opt-in just recorded (the opt-out is lifted).
     *
     * @param conversation the conversation as read before the opt-in
     * @param locale       the citizen's language ({@code ar}/{@code en})
     */
    public Uni<Void> optedIn(ConversationView conversation, String locale) {
        return send(conversation, composer.optInConfirmed(locale));
    }

    private Uni<Void> send(ConversationView c, Reply reply) {
        ConversationView reachable = new ConversationView(c.id(), c.citizen(), c.bot(), c.state(), c.locale(),
                c.lastInboundAt(), false, c.assignedAgent());
        return outbox.send(OutboundDraft.message(Origin.SYSTEM, reachable, reply.text(), reply.locale()))
                .invoke(outcome -> {
                    if (outcome instanceof SendOutcome.Refused refused) {
                        LOG.infof("conversation %d: the opt-out/opt-in confirmation was refused (%s)", c.id(),
                                refused.reason());
                    }
                })
                .replaceWithVoid();
    }
}
