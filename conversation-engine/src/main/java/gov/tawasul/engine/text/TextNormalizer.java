package gov.tawasul.engine.text;

import java.text.Normalizer;

/**
 * Normalises a citizen's text before anything else looks at it:
 * <ul>
 *   <li>Arabic-Indic digits (U+0660–0669), Extended Arabic-Indic / Persian digits (U+06F0–06F9) and
 *       full-width digits (U+FF10–FF19) become ASCII {@code 0–9};</li>
 *   <li>every format character (general category {@code Cf}: the bidi marks and embeddings U+200E, U+200F, U+061C,
 *       U+202A–202E, U+2066–2069, ZWNJ U+200C, ZWJ U+200D, word joiner U+2060, BOM U+FEFF, soft hyphen U+00AD,
 *       tag characters, …), the variation selectors (U+FE00–FE0F and U+E0100–E01EF, category {@code Mn}) and
 *       tatweel (U+0640) are removed, so that {@code ٧٧٠<ZWNJ>٣٣١٥} is the one number {@code 7703315};</li>
 *   <li>the result is in Unicode NFKC.</li>
 * </ul>
 * Java's {@code \d} does not match these digits without {@code UNICODE_CHARACTER_CLASS}, and {@code [0-9]} never does,
 * which is why every recogniser runs on the normalised text. The result is for recognition only: it may lose what
 * those characters do for display (emoji sequences joined by ZWJ, Persian ZWNJ). Thread-safe and allocation-light.
 * Categories: https://www.unicode.org/reports/tr44/#General_Category_Values (as of the JDK's Unicode version).
 */
public final class TextNormalizer {

    private static final char TATWEEL = '\u0640';

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
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= '\u0660' && cp <= '\u0669') {
                out.append((char) ('0' + (cp - '\u0660')));
            } else if (cp >= '\u06F0' && cp <= '\u06F9') {
                out.append((char) ('0' + (cp - '\u06F0')));
            } else if (cp >= '\uFF10' && cp <= '\uFF19') {
                out.append((char) ('0' + (cp - '\uFF10')));
            } else if (!isRemoved(cp)) {
                out.appendCodePoint(cp);
            }
        }
        String stripped = out.toString();
        return Normalizer.isNormalized(stripped, Normalizer.Form.NFKC)
                ? stripped : Normalizer.normalize(stripped, Normalizer.Form.NFKC);
    }

    /** @return true for a format character, a variation selector or tatweel */
    private static boolean isRemoved(int cp) {
        return cp == TATWEEL || Character.getType(cp) == Character.FORMAT || isVariationSelector(cp);
    }

    private static boolean isVariationSelector(int cp) {
        return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
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
