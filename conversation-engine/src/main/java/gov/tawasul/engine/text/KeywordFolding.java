package gov.tawasul.engine.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one folding of text for keyword matching — help, opt-out and opt-in words, a request for a person, greetings,
 * thanks, "status?" — so that the spellings citizens use for one word compare equal. Every keyword set folds its
 * keywords with this function too: keyword and message are always folded the same way.
 * <ul>
 *   <li>lower case ({@link Locale#ROOT});</li>
 *   <li>Arabic diacritics removed: harakat and tanween U+064B–065F, superscript alef U+0670, Quranic annotation marks
 *       U+0610–061A and U+06D6–06ED, tatweel U+0640;</li>
 *   <li>hamza forms of alef {@code أ إ آ ٱ} (and U+0672, U+0673) → {@code ا}; {@code ة} → {@code ه};
 *       {@code ى} → {@code ي}; {@code ؤ} → {@code و}; {@code ئ} → {@code ي}; the Persian-keyboard letters
 *       {@code ی} (U+06CC) → {@code ي} and {@code ک} (U+06A9) → {@code ك};</li>
 *   <li>a run of the same letter (after the steps above) becomes one letter, in every script: {@code مساااعدة},
 *       {@code heeelp}, {@code hello} become {@code مساعده}, {@code help}, {@code helo}. Digits are never collapsed.</li>
 * </ul>
 * So {@code مساعده}, {@code مُساعدة} and {@code مساااعدة} fold to the same word. The result is for comparison only,
 * never shown, and never used to find case numbers (those are read from {@link TextNormalizer#normalize}'s output,
 * whose digits this function keeps as they are anyway). Input: any text, best after {@link TextNormalizer#normalize}
 * (which has already turned presentation forms into letters). Pure and thread-safe.
 */
public final class KeywordFolding {

    private KeywordFolding() {
    }

    /**
     * @param text any text, may be null
     * @return the folded text (same separators and digits), never null
     */
    public static String fold(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        int previous = -1;
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            i += Character.charCount(cp);
            if (isDiacritic(cp)) {
                continue;
            }
            int folded = letter(cp);
            if (folded == previous && Character.isLetter(folded)) {
                continue;
            }
            out.appendCodePoint(folded);
            previous = folded;
        }
        return out.toString();
    }

    /**
     * @param text any text, may be null
     * @return the folded words of the text: runs of letters and digits; everything else (spaces, punctuation,
     *         {@code ؟ ، ؛}, symbols, emoji) separates them. Empty when none.
     */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String w : fold(text).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    private static int letter(int cp) {
        switch (cp) {
            case '\u0623', '\u0625', '\u0622', '\u0671', '\u0672', '\u0673':
                return '\u0627';
            case '\u0629':
                return '\u0647';
            case '\u0649', '\u0626', '\u06CC':
                return '\u064A';
            case '\u0624':
                return '\u0648';
            case '\u06A9':
                return '\u0643';
            default:
                return cp;
        }
    }

    private static boolean isDiacritic(int cp) {
        return (cp >= '\u064B' && cp <= '\u065F') || cp == '\u0670' || cp == '\u0640'
                || (cp >= '\u0610' && cp <= '\u061A') || (cp >= '\u06D6' && cp <= '\u06ED' && cp != '\u06E5'
                && cp != '\u06E6');
    }
}
