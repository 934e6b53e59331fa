package gov.tawasul.engine.intent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises a citizen asking to talk to a person, in a <b>normalised</b> text
 * ({@link gov.tawasul.engine.text.TextNormalizer}): the whole message is a request for a person — one of the words
 * for a person ({@code agent}, {@code human}, {@code person}, {@code representative}, {@code موظف},
 * {@code خدمة العملاء}, …), alone or with the few words such a request is made of ({@code talk to a …},
 * {@code I want …}, {@code أكلم}, {@code ابي}, {@code ابغى}, {@code اريد}, {@code لو سمحت}, …), in at most
 * {@value #MAX_WORDS} words. A longer message, or one with any other word ("my agent said the case is late"), is not
 * such a request, so that a word met in passing never takes the conversation from the bot. Arabic is compared
 * folded: hamza forms of alef ({@code أ إ آ}) as {@code ا}, {@code ى} as {@code ي}, {@code ة} as {@code ه},
 * without diacritics. Case numbers are looked for before this (a case query is never a request for a person).
 * Thread-safe.
 */
final class PersonRequest {

    /** Longest message (in words) still read as a request for a person. */
    static final int MAX_WORDS = 8;

    /** Words that name a person to talk to (folded). */
    static final Set<String> PERSON_WORDS = Set.of(
            "agent", "agents", "human", "humans", "person", "representative", "operator", "staff",
            "موظف", "الموظف", "موظفا", "موظفه", "الموظفه", "موظفين", "الموظفين");

    /** Two-word names of a person to talk to (folded), read as one {@link #PERSON_WORDS} word. */
    static final List<List<String>> PERSON_PHRASES = List.of(
            List.of("customer", "service"), List.of("customer", "care"), List.of("customer", "support"),
            List.of("خدمه", "العملاء"), List.of("خدمه", "عملاء"));

    /** Words a request for a person is made of besides the person (folded). */
    static final Set<String> REQUEST_WORDS = Set.of(
            // English
            "i", "d", "id", "m", "im", "want", "wanna", "would", "like", "need", "to", "talk", "speak", "chat",
            "with", "a", "an", "the", "real", "live", "actual", "please", "pls", "plz", "can", "could", "may",
            "let", "me", "member", "connect", "transfer", "get", "give", "hi", "hello", "hey", "now", "your", "one", "some",
            // Arabic (folded: ابغى → ابغي, أكلم → اكلم, إلى → الي)
            "ابي", "ابا", "ابغي", "ابغا", "اريد", "بدي", "ودي", "عايز", "عاوز", "حاب", "احتاج", "ممكن",
            "اكلم", "كلم", "اتكلم", "اتحدث", "التحدث", "اتواصل", "التواصل", "تواصل", "حولني", "حولوني", "وصلني",
            "مع", "الي", "لو", "سمحت", "سمحتي", "من", "فضلك", "فضلا", "رجاء", "يا", "مرحبا", "السلام", "عليكم",
            "اهلا", "اي", "احد", "واحد");

    private PersonRequest() {
    }

    /** @return whether the normalised text, as a whole, asks to talk to a person */
    static boolean matches(String normalizedText) {
        List<String> words = words(normalizedText);
        if (words.isEmpty() || words.size() > MAX_WORDS) {
            return false;
        }
        boolean person = false;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (i + 1 < words.size() && PERSON_PHRASES.contains(List.of(w, words.get(i + 1)))) {
                person = true;
                i++;
            } else if (PERSON_WORDS.contains(w)) {
                person = true;
            } else if (!REQUEST_WORDS.contains(w)) {
                return false;
            }
        }
        return person;
    }

    /** @return the folded words of the text: letters and digits, everything else separates */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String w : fold(text).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    /** Lower case; Arabic alef forms, alef maqsura and teh marbuta folded; diacritics removed. */
    static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\u0623' || cp == '\u0625' || cp == '\u0622' || cp == '\u0671') {
                out.append('\u0627');
            } else if (cp == '\u0649') {
                out.append('\u064A');
            } else if (cp == '\u0629') {
                out.append('\u0647');
            } else if ((cp >= '\u064B' && cp <= '\u065F') || cp == '\u0670') {
                // harakat, shadda, sukun, superscript alef: dropped
                continue;
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
