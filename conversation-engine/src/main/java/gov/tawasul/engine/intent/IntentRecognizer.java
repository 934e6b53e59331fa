package gov.tawasul.engine.intent;

import gov.tawasul.engine.EngineConfig;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.InboundKind;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Maps a normalised inbound message to an {@link Intent}. Order: "STOP &lt;case&gt;" (any channel), SMS
 * opt-out/opt-in keywords, postback payloads,
 * non-text content, case numbers, a request for a person ({@link PersonRequest}: the whole message), help words,
 * anything else.
 */
@ApplicationScoped
public class IntentRecognizer {

    /** Twilio's default opt-out keywords (https://help.twilio.com/articles/223134027). */
    static final Set<String> OPT_OUT_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    /** Twilio's default opt-in keywords. */
    static final Set<String> OPT_IN_WORDS = Set.of("START", "UNSTOP", "YES");
    static final Set<String> HELP_WORDS = Set.of("help", "مساعدة", "مساعده", "?", "؟", "info");

    /** Postback payload asking for help. */
    public static final String PAYLOAD_HELP = "HELP";
    /** Postback payload asking to look up another case. */
    public static final String PAYLOAD_ANOTHER_CASE = "ANOTHER_CASE";
    /** Messenger Get Started button payload. */
    public static final String PAYLOAD_GET_STARTED = "GET_STARTED";
    /** Postback or quick-reply payload asking to talk to a person. */
    public static final String PAYLOAD_TALK_TO_AGENT = "TALK_TO_AGENT";

    private final CaseNumberRecognizer numbers;
    private final int maxCases;

    @jakarta.inject.Inject
    public IntentRecognizer(CaseNumberRecognizer numbers, EngineConfig config) {
        this(numbers, config.maxCasesPerMessage());
    }

    /** @param maxCases most case numbers answered from one message */
    public IntentRecognizer(CaseNumberRecognizer numbers, int maxCases) {
        this.numbers = numbers;
        this.maxCases = maxCases;
    }

    /**
     * @param channel        the channel (opt-out keywords apply to SMS and WhatsApp only)
     * @param kind           what the message carries
     * @param normalizedText the normalised text
     * @param payload        postback or quick-reply payload, or null
     * @param optOutType     Twilio's {@code OptOutType} parameter ({@code STOP}, {@code START}, {@code HELP}), or null
     */
    public Intent recognize(Channel channel, InboundKind kind, String normalizedText, String payload, String optOutType) {
        String word = normalizedText.strip().toUpperCase(Locale.ROOT);
        Intent unfollow = unfollow(word);
        if (unfollow != null) {
            return unfollow;
        }
        if (channel == Channel.SMS || channel == Channel.WHATSAPP) {
            if ("STOP".equalsIgnoreCase(optOutType) || OPT_OUT_WORDS.contains(word)) {
                return new Intent.OptOut();
            }
            if ("START".equalsIgnoreCase(optOutType) || OPT_IN_WORDS.contains(word)) {
                return new Intent.OptIn();
            }
        }
        if (payload != null && !payload.isBlank()) {
            Intent fromPayload = fromPayload(payload.strip());
            if (fromPayload != null && (kind == InboundKind.POSTBACK || normalizedText.isBlank()
                    || numbers.find(normalizedText).isEmpty())) {
                return fromPayload;
            }
        }
        if (kind == InboundKind.ATTACHMENT && normalizedText.isBlank()) {
            return new Intent.AskForCaseNumber(true);
        }
        List<String> found = numbers.find(normalizedText);
        if (!found.isEmpty()) {
            int keep = Math.min(found.size(), maxCases);
            return new Intent.CaseStatus(List.copyOf(found.subList(0, keep)), found.size() - keep);
        }
        if (PersonRequest.matches(normalizedText)) {
            return new Intent.AskForPerson();
        }
        if (isHelp(normalizedText)) {
            return new Intent.Help();
        }
        if (kind == InboundKind.ATTACHMENT) {
            return new Intent.AskForCaseNumber(true);
        }
        return new Intent.Unknown();
    }

    /** "STOP 1446-000123": an opt-out word, then exactly one case number and nothing else. */
    private Intent unfollow(String upperText) {
        int space = upperText.indexOf(' ');
        if (space < 0 || !OPT_OUT_WORDS.contains(upperText.substring(0, space))) {
            return null;
        }
        String rest = upperText.substring(space + 1).strip();
        List<String> found = numbers.find(rest);
        return found.size() == 1 && rest.replaceFirst("^#", "").strip().equals(found.get(0))
                ? new Intent.Unfollow(found.get(0)) : null;
    }

    private Intent fromPayload(String payload) {
        return switch (payload.toUpperCase(Locale.ROOT)) {
            case PAYLOAD_HELP -> new Intent.Help();
            case PAYLOAD_ANOTHER_CASE, PAYLOAD_GET_STARTED -> new Intent.AskForCaseNumber(false);
            case PAYLOAD_TALK_TO_AGENT -> new Intent.AskForPerson();
            default -> null;
        };
    }

    private static boolean isHelp(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (HELP_WORDS.contains(t)) {
            return true;
        }
        for (String token : t.split("[\\s\\p{Punct}،؛]+")) {
            if (!token.equals("?") && HELP_WORDS.contains(token)) {
                return true;
            }
        }
        return false;
    }
}
