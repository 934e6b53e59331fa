package gov.tawasul.engine.model;

/**
 * A text in Arabic and English, as the case-management API gives labels ({@code {"ar":"…","en":"…"}}).
 *
 * @param ar Arabic text, may be null
 * @param en English text, may be null
 */
public record LocalizedText(String ar, String en) {

    /** @return the text in {@code locale} ({@code "ar"} or {@code "en"}), falling back to the other, or null. */
    public String in(String locale) {
        String first = "en".equals(locale) ? en : ar;
        String second = "en".equals(locale) ? ar : en;
        return first != null && !first.isBlank() ? first : (second != null && !second.isBlank() ? second : null);
    }
}
