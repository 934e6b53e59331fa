package gov.tawasul.staff.desk;

import gov.tawasul.channels.twilio.SmsSegments;
import gov.tawasul.engine.model.ConversationSummary;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.policy.SendDecision;
import gov.tawasul.engine.policy.SendPolicy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * Asks the outbox's send policy, without sending, what an agent's text would become: SMS segments and encoding
 * (after the same GSM-7 folding the send applies), or why it would be refused (opted out, Messenger's window…).
 * Pure; no I/O.
 */
@ApplicationScoped
public class ReplyPreviewer {

    private final SendPolicy policy;
    private final ConversationDesk desk;
    private final Clock clock;

    ReplyPreviewer(SendPolicy policy, ConversationDesk desk) {
        this.policy = policy;
        this.desk = desk;
        this.clock = Clock.systemUTC();
    }

    /** @return the preview of {@code text} as an agent's reply in {@code conversation} */
    public ReplyPreview preview(ConversationSummary conversation, String text) {
        String body = text == null ? "" : text.strip();
        int limit = desk.limitOf(conversation);
        SendDecision decision = policy.decide(Origin.AGENT, body.isEmpty() ? " " : body, conversation.view(),
                clock.instant());
        if (decision instanceof SendDecision.Refuse refused) {
            return new ReplyPreview(body.length(), limit, null, null, "refused" + refused.reason().name());
        }
        SendDecision.Allow allowed = (SendDecision.Allow) decision;
        if (allowed.segments() == null) {
            return new ReplyPreview(body.length(), limit, null, null, null);
        }
        SmsSegments.Count count = SmsSegments.count(body.isEmpty() ? "" : allowed.text());
        return new ReplyPreview(body.length(), limit, count.segments(),
                count.encoding() == SmsSegments.Encoding.GSM7 ? "GSM-7" : "UCS-2", null);
    }
}
