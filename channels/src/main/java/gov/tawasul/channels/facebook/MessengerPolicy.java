package gov.tawasul.channels.facebook;

import com.restfb.types.send.MessagingType;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.policy.ChannelPolicy;
import gov.tawasul.engine.policy.SendDecision;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Messenger's rule of when a Page may write to a person, counted from the citizen's last message
 * ({@link ConversationView#lastInboundAt()}):
 * <ul>
 *   <li>up to {@link #STANDARD_WINDOW} (24 hours, the standard messaging window) after it: any origin, sent with
 *       {@code messaging_type=RESPONSE};</li>
 *   <li>after that, up to {@link #HUMAN_AGENT_WINDOW} (7 days): only a person's message ({@link Origin#AGENT}), sent
 *       with {@code messaging_type=MESSAGE_TAG} and {@code tag=HUMAN_AGENT}; the bot, notifications and system
 *       messages are refused ({@link SendDecision.Reason#OUTSIDE_WINDOW});</li>
 *   <li>after 7 days, or when the citizen never wrote (no window was ever opened): every origin is refused.</li>
 * </ul>
 * The bounds are inclusive (a message exactly 24 hours after is still a RESPONSE). The text is sent as it is and
 * Messenger counts no segments. The options are read by {@link SendApiRequest}.
 * Sources: https://developers.facebook.com/docs/messenger-platform/policy/policy-overview (standard messaging),
 * https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags ({@code HUMAN_AGENT}: "allows
 * human agents to respond to user inquiries within 7 days after a user message"; automated messages may not use it;
 * the Page's app needs the Human Agent permission). Pure and fast: no I/O.
 */
@ApplicationScoped
public class MessengerPolicy implements ChannelPolicy {

    /** The standard messaging window after the citizen's last message. */
    public static final Duration STANDARD_WINDOW = Duration.ofHours(24);
    /** How long after the citizen's last message a person may still answer with the {@code HUMAN_AGENT} tag. */
    public static final Duration HUMAN_AGENT_WINDOW = Duration.ofDays(7);

    private static final Map<String, String> RESPONSE =
            Map.of(SendApiRequest.MESSAGING_TYPE, MessagingType.RESPONSE.name());
    private static final Map<String, String> HUMAN_AGENT_TAG = Map.of(
            SendApiRequest.MESSAGING_TYPE, MessagingType.MESSAGE_TAG.name(),
            SendApiRequest.TAG, SendApiRequest.HUMAN_AGENT);

    @Override
    public Channel channel() {
        return Channel.FACEBOOK;
    }

    /**
     * @return allow (the text unchanged, no segment count, the {@code messaging_type}/{@code tag} options) or refuse
     *         with {@link SendDecision.Reason#OUTSIDE_WINDOW} and a detail for staff
     */
    @Override
    public SendDecision decide(Origin origin, String text, ConversationView conversation, Instant now) {
        Instant last = conversation.lastInboundAt();
        if (last == null) {
            return outside("the citizen never wrote to the Page: Messenger allows no " + origin
                    + " message before the citizen's first message");
        }
        if (!now.isAfter(last.plus(STANDARD_WINDOW))) {
            return new SendDecision.Allow(text, null, RESPONSE);
        }
        if (origin != Origin.AGENT) {
            return outside("the citizen last wrote at " + last + ", more than 24 hours ago: outside Messenger's "
                    + "standard messaging window no " + origin + " message may be sent; only a staff member may "
                    + "still answer (HUMAN_AGENT tag) until " + last.plus(HUMAN_AGENT_WINDOW));
        }
        if (!now.isAfter(last.plus(HUMAN_AGENT_WINDOW))) {
            return new SendDecision.Allow(text, null, HUMAN_AGENT_TAG);
        }
        return outside("the citizen last wrote at " + last + ", more than 7 days ago: Messenger allows no message, "
                + "not even a staff member's with the HUMAN_AGENT tag, until the citizen writes again");
    }

    private static SendDecision outside(String detail) {
        return new SendDecision.Refuse(SendDecision.Reason.OUTSIDE_WINDOW, detail);
    }
}
