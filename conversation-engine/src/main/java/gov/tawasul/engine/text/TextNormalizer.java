package gov.tawasul.engine.text;

import java.text.Normalizer;

/**
 * Normalises a citizen's text before anything else looks at it:
 * <ul>
 *   <li>Arabic-Indic digits (U+0660–0669), Extended Arabic-Indic / Persian digits (U+06F0–06F9) and
 *       full-width digits (U+FF10–FF19) become ASCII {@code 0–9};</li>
 *   <li>bidi controls (U+200E, U+200F, U+061C, U+202A–202E, U+2066–2069) and tatweel (U+0640) are removed;</li>
 *   <li>the result is in Unicode NFKC.</li>
 * </ul>
 * Java's {@code \d} does not match these digits without {@code UNICODE_CHARACTER_CLASS}, and {@code [0-9]} never does,
 * which is why every recogniser runs on the normalised text. Thread-safe and allocation-light.
 */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    /**
     * @param text any text, may be null
     * @return the normalised text, never null
     */
    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\u0660' && c <= '\u0669') {
                out.append((char) ('0' + (c - '\u0660')));
            } else if (c >= '\u06F0' && c <= '\u06F9') {
                out.append((char) ('0' + (c - '\u06F0')));
            } else if (c >= '\uFF10' && c <= '\uFF19') {
                out.append((char) ('0' + (c - '\uFF10')));
            } else if (!isRemoved(c)) {
                out.append(c);
            }
        }
        String stripped = out.toString();
        return Normalizer.isNormalized(stripped, Normalizer.Form.NFKC)
                ? stripped : Normalizer.normalize(stripped, Normalizer.Form.NFKC);
    }

    private static boolean isRemoved(char c) {
        return c == '\u200E' || c == '\u200F' || c == '\u061C' || c == '\u0640'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    /** @return true when the text contains a letter of the Arabic script (U+0600–06FF, U+0750–077F, presentation forms). */
    public static boolean hasArabicLetter(String text) {
        return text.codePoints().anyMatch(cp -> Character.isLetter(cp)
                && Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC);
    }

    /** @return true when the text contains a Latin letter. */
    public static boolean hasLatinLetter(String text) {
        return text.codePoints().anyMatch(cp -> Character.isLetter(cp)
                && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN);
    }
}
