package gov.tawasul.engine.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wraps the left-to-right values of an Arabic text — case numbers ({@code 1446-000123}, {@code 1446/000123}),
 * phone numbers ({@code +966500001234}), codes, times, dates, {@code STOP 1446-000123} — in the Unicode isolates
 * LRI (U+2066) … PDI (U+2069) of the bidirectional algorithm (UAX #9, https://www.unicode.org/reports/tr9/#Explicit_Directional_Isolates).
 * Without them, digits after an Arabic letter are Arabic numbers (rule W2), so that {@code 1446-000123} shows as
 * {@code 000123-1446} and the {@code +} of a phone number on its wrong side; inside an isolate they are read left to
 * right, and the isolate is one neutral character to the sentence around it.
 * <p>
 * A value is a run of ASCII letters and digits, optionally preceded by {@code +}, whose parts are joined by one of
 * {@code - / . : _ @ +} or one space, and which holds at least one digit (Latin words alone are already strong left
 * to right). A run is never wrapped twice: text already inside an isolate (U+2066, U+2067, U+2068 … U+2069) is
 * copied as it is, so the function is idempotent. Each isolate costs two UTF-16 units (an SMS in Arabic is UCS-2
 * anyway). Pure, thread-safe.
 */
public final class BidiIsolates {

    /** LEFT-TO-RIGHT ISOLATE. */
    public static final char LRI = '\u2066';
    /** POP DIRECTIONAL ISOLATE. */
    public static final char PDI = '\u2069';

    private static final Pattern RUN = Pattern.compile("\\+?[A-Za-z0-9]+(?:[-/.:_@+ ][A-Za-z0-9]+)*");

    private BidiIsolates() {
    }

    /**
     * @param text an Arabic text, or null
     * @return the text with every left-to-right value that holds a digit between LRI and PDI; null for null
     */
    public static String isolateLatinValues(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        while (i < text.length()) {
            int open = nextIsolateStart(text, i);
            int end = open < 0 ? text.length() : open;
            wrapRuns(text.substring(i, end), out);
            if (open < 0) {
                break;
            }
            int close = text.indexOf(PDI, open);
            int after = close < 0 ? text.length() : close + 1;
            out.append(text, open, after);
            i = after;
        }
        return out.toString();
    }

    private static int nextIsolateStart(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u2066' || c == '\u2067' || c == '\u2068') {
                return i;
            }
        }
        return -1;
    }

    private static void wrapRuns(String part, StringBuilder out) {
        Matcher m = RUN.matcher(part);
        int last = 0;
        while (m.find()) {
            if (!hasDigit(m.group())) {
                continue;
            }
            out.append(part, last, m.start()).append(LRI).append(m.group()).append(PDI);
            last = m.end();
        }
        out.append(part, last, part.length());
    }

    private static boolean hasDigit(String run) {
        for (int i = 0; i < run.length(); i++) {
            if (run.charAt(i) >= '0' && run.charAt(i) <= '9') {
                return true;
            }
        }
        return false;
    }
}
