package gov.tawasul.engine.intent;

import gov.tawasul.engine.EngineConfig;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.text.KeywordFolding;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps a normalised inbound message to an {@link Intent}. Order: "STOP &lt;case&gt;" (any channel), SMS
 * opt-out/opt-in keywords (the whole message: Twilio's and the Arabic ones), postback payloads, non-text content,
 * case numbers, digits close to a case number ({@link NearMissNumbers}), a request for a person
 * ({@link PersonRequest}: the whole message), "status?" without a number, thanks, a greeting (each the whole
 * message, {@link Keywords}), help words, anything else. Keywords are compared on the message's folded words
 * ({@link KeywordFolding}); case numbers on the normalised text, never folded. Pure and thread-safe.
 */
@ApplicationScoped
public class IntentRecognizer {

    /** Postback payload asking for help. */
    public static final String PAYLOAD_HELP = "HELP";
    /** Postback payload asking to look up another case. */
    public static final String PAYLOAD_ANOTHER_CASE = "ANOTHER_CASE";
    /** Messenger Get Started button payload. */
    public static final String PAYLOAD_GET_STARTED = "GET_STARTED";
    /** Postback or quick-reply payload asking to talk to a person. */
    public static final String PAYLOAD_TALK_TO_AGENT = "TALK_TO_AGENT";
    /**
     * Prefix of the quick-reply payload of a suggested case number ({@code CASE:1446-000123}): tapped, it is a query
     * for that number — only if the number matches the pattern (a payload is citizen input like any text).
     */
    public static final String PAYLOAD_CASE_PREFIX = "CASE:";

    private final CaseNumberRecognizer numbers;
    private final NearMissNumbers nearMisses;
    private final int maxCases;

    @jakarta.inject.Inject
    public IntentRecognizer(CaseNumberRecognizer numbers, EngineConfig config) {
        this(numbers, config.maxCasesPerMessage());
    }

    /** @param maxCases most case numbers answered from one message */
    public IntentRecognizer(CaseNumberRecognizer numbers, int maxCases) {
        this.numbers = numbers;
        this.nearMisses = new NearMissNumbers(numbers.pattern());
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
        Intent unfollow = unfollow(normalizedText.strip());
        if (unfollow != null) {
            return unfollow;
        }
        List<String> words = KeywordFolding.words(normalizedText);
        if (channel == Channel.SMS || channel == Channel.WHATSAPP) {
            if ("STOP".equalsIgnoreCase(optOutType)) {
                return new Intent.OptOut(true);
            }
            if ("START".equalsIgnoreCase(optOutType)) {
                return new Intent.OptIn(true);
            }
            if (Keywords.OPT_OUT.isWhole(words)) {
                return new Intent.OptOut(Keywords.isTwilioKeyword(Keywords.TWILIO_OPT_OUT, normalizedText));
            }
            if (Keywords.OPT_IN.isWhole(words)) {
                return new Intent.OptIn(Keywords.isTwilioKeyword(Keywords.TWILIO_OPT_IN, normalizedText));
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
        Optional<String> nearMiss = nearMisses.suggest(normalizedText);
        if (nearMiss.isPresent()) {
            return new Intent.NearMiss(nearMiss.get());
        }
        Intent shortMessage = shortMessage(words);
        if (shortMessage != null) {
            return shortMessage;
        }
        if (isHelp(normalizedText, words)) {
            return new Intent.Help();
        }
        if (kind == InboundKind.ATTACHMENT) {
            return new Intent.AskForCaseNumber(true);
        }
        return new Intent.Unknown();
    }

    /** A whole message that asks for a person, how the last case stands, thanks or greets; else null. */
    private static Intent shortMessage(List<String> words) {
        if (PersonRequest.matches(words)) {
            return new Intent.AskForPerson();
        }
        int max = Keywords.MAX_SHORT_MESSAGE_WORDS;
        if (Keywords.STATUS.isWholeMessage(words, Keywords.STATUS_FILLERS, max)) {
            return new Intent.StatusOfLastCase();
        }
        if (Keywords.THANKS.isWholeMessage(words, Keywords.THANKS_FILLERS, max)) {
            return new Intent.Thanks();
        }
        if (Keywords.GREETING.isWholeMessage(words, Keywords.GREETING_FILLERS, max)) {
            return new Intent.Greeting(Keywords.SALAM.occursIn(words));
        }
        return null;
    }

    /** "STOP 1446-000123", "إيقاف 1446-000123": an opt-out word, then exactly one case number and nothing else. */
    private Intent unfollow(String text) {
        int space = text.indexOf(' ');
        if (space < 0 || !Keywords.OPT_OUT.isWhole(KeywordFolding.words(text.substring(0, space)))) {
            return null;
        }
        String rest = text.substring(space + 1).strip();
        List<String> found = numbers.find(rest);
        return found.size() == 1 && rest.replaceFirst("^#", "").strip().equals(found.get(0))
                ? new Intent.Unfollow(found.get(0)) : null;
    }

    private Intent fromPayload(String payload) {
        if (payload.regionMatches(true, 0, PAYLOAD_CASE_PREFIX, 0, PAYLOAD_CASE_PREFIX.length())) {
            String number = payload.substring(PAYLOAD_CASE_PREFIX.length()).strip();
            return numbers.isCaseNumber(number) ? new Intent.CaseStatus(List.of(number), 0) : null;
        }
        return switch (payload.toUpperCase(Locale.ROOT)) {
            case PAYLOAD_HELP -> new Intent.Help();
            case PAYLOAD_ANOTHER_CASE, PAYLOAD_GET_STARTED -> new Intent.AskForCaseNumber(false);
            case PAYLOAD_TALK_TO_AGENT -> new Intent.AskForPerson();
            default -> null;
        };
    }

    /** A help word anywhere, or a message of question marks only ({@code ?}, {@code ؟}). */
    private static boolean isHelp(String text, List<String> words) {
        return Keywords.HELP.occursIn(words) || (words.isEmpty() && text.strip().matches("[?\u061F]+"));
    }
}
