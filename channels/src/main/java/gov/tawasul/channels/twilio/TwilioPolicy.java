package gov.tawasul.channels.twilio;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.policy.ChannelPolicy;
import gov.tawasul.engine.policy.SendDecision;
import gov.tawasul.engine.text.TextNormalizer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;

/**
 * The SMS channel's policy: every message may be sent, whatever its origin and whenever (SMS has no window; opt-outs
 * are {@link gov.tawasul.engine.policy.SendPolicy}'s). It prepares the text and counts what it costs:
 * <ul>
 *   <li>a text without Arabic letters whose only non-GSM-7 characters are typographic ones ({@code ’ “ ” – — …},
 *       the no-break space, …) is sent folded by {@link Gsm7Folding}, so that it goes as GSM-7 (160 characters in
 *       one segment) instead of UCS-2 (70);</li>
 *   <li>an Arabic text, or one that stays UCS-2 even folded (an emoji, a letter GSM-7 lacks), is sent as it is:
 *       folding would save nothing and lose the typography;</li>
 *   <li>the segment count is {@link SmsSegments#count}'s: GSM-7 160 in one / 153 per segment, UCS-2 70 / 67,
 *       a GSM-7 extension character counts 2.</li>
 * </ul>
 * No send options. Pure and fast: no I/O.
 */
@ApplicationScoped
public class TwilioPolicy implements ChannelPolicy {

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    /**
     * @param text the reply, not null, within Twilio's 1,600-character limit
     * @return always {@link SendDecision.Allow}: the text as it must leave, its segment count, no options
     */
    @Override
    public SendDecision decide(Origin origin, String text, ConversationView conversation, Instant now) {
        String sms = smsText(text);
        return new SendDecision.Allow(sms, SmsSegments.count(sms).segments(), Map.of());
    }

    /** @return the folded text when that makes a non-Arabic text GSM-7, else the text unchanged */
    static String smsText(String text) {
        if (SmsSegments.isGsm7(text) || TextNormalizer.hasArabicLetter(text)) {
            return text;
        }
        String folded = Gsm7Folding.fold(text);
        return SmsSegments.isGsm7(folded) ? folded : text;
    }
}
