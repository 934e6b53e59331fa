package gov.tawasul.engine.outbox;

/** Fits a reply into a channel's length limit without splitting a surrogate pair. */
public final class TextLimits {

    private TextLimits() {
    }

    /**
     * @param text  the text
     * @param limit the channel's maximum in UTF-16 units
     * @return the text, or its beginning followed by {@code …} so that the whole is at most {@code limit} units
     */
    public static String fit(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int end = limit - 1;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, Math.max(0, end)) + "…";
    }
}
