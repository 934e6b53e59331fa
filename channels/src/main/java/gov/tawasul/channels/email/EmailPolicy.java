package gov.tawasul.channels.email;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.policy.ChannelPolicy;
import gov.tawasul.engine.policy.SendDecision;
import gov.tawasul.engine.reply.EmailAddresses;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The e-mail channel's rules, before a message is queued:
 * <ul>
 *   <li>never to an address that cannot be a person's mailbox — no {@code @}, a domain without a dot, or a system
 *       address ({@code MAILER-DAEMON}, {@code postmaster}, {@code no-reply}…): refused with
 *       {@link SendDecision.Reason#CHANNEL_RULE} (an answer would bounce, or feed a loop);</li>
 *   <li>otherwise allowed, the text unchanged, with the option {@value #AUTO_SUBMITTED} that the sender writes as the
 *       {@code Auto-Submitted} header (RFC 3834): {@code auto-replied} for the bot's replies, {@code auto-generated}
 *       for notifications and system messages, none for a person's ({@link Origin#AGENT}) message.</li>
 * </ul>
 * E-mail has no messaging window and counts no segments. How many automatic replies one address gets per hour is
 * the sender's rule ({@link ReplyRateLimit}: it needs Redis, and a policy does no I/O). Pure and fast.
 */
@ApplicationScoped
public class EmailPolicy implements ChannelPolicy {

    /** Send option: the value of the {@code Auto-Submitted} header. */
    static final String AUTO_SUBMITTED = "auto_submitted";

    private static final Set<String> SYSTEM_LOCAL_PARTS = Set.of("mailer-daemon", "postmaster", "mail-daemon",
            "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply");
    private static final Pattern DOMAIN = Pattern.compile("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$");

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public SendDecision decide(Origin origin, String text, ConversationView conversation, Instant now) {
        String to = conversation.citizen().value();
        String local = EmailAddresses.localPart(to);
        String domain = EmailAddresses.domain(to);
        if (local.isEmpty() || !DOMAIN.matcher(domain).matches()) {
            return new SendDecision.Refuse(SendDecision.Reason.CHANNEL_RULE,
                    "'" + to + "' is not an e-mail address a reply can be sent to");
        }
        if (SYSTEM_LOCAL_PARTS.contains(local)) {
            return new SendDecision.Refuse(SendDecision.Reason.CHANNEL_RULE,
                    "'" + to + "' is a system address: nothing is ever sent to it (mail loops)");
        }
        return switch (origin) {
            case BOT -> new SendDecision.Allow(text, null, Map.of(AUTO_SUBMITTED, "auto-replied"));
            case NOTIFICATION, SYSTEM -> new SendDecision.Allow(text, null, Map.of(AUTO_SUBMITTED, "auto-generated"));
            default -> SendDecision.Allow.as(text); // a person's message (AGENT)
        };
    }
}
