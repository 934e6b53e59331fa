package gov.tawasul.channels.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cuts what a citizen did not write from the plain text of a mail: the quoted history under an attribution line
 * ({@code On Tue, 1 Dec 2026 at 10:02, Tawasul <…> wrote:}, Gmail's Arabic {@code في … كتب:} and
 * {@code في … تمت كتابة ما يلي بواسطة …:}, the German and French forms), Outlook's header block
 * ({@code From:}/{@code من:} followed by {@code Sent:}/{@code تم الإرسال:}, …) and its {@code -----Original Message-----}
 * line, the signature under the {@code "-- "} delimiter (RFC 3676 §4.3), {@code >} quoted lines and the
 * {@code Sent from my …} line of phone clients. Everything from the first such line on is dropped (except quoted
 * lines, dropped one by one, so that an answer written between quotes stays). Pure.
 */
final class QuotedText {

    /** Bidi marks and embeddings that Gmail wraps around Arabic attribution lines. */
    private static final Pattern BIDI = Pattern.compile("[\\u200E\\u200F\\u061C\\u202A-\\u202E\\u2066-\\u2069]");
    private static final Pattern ATTRIBUTION = Pattern.compile(String.join("|",
            "^on\\b.{0,300}\\bwrote\\s*:$",
            "^في\\s.{0,300}(كتب|بواسطة)[^:]{0,120}:$",
            "^am\\s.{0,300}schrieb.{0,120}:$",
            "^le\\s.{0,300}a\\s+écrit\\s*:$",
            "^el\\s.{0,300}escribió\\s*:$"), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
            "^-{3,}\\s*(original message|forwarded message|الرسالة الأصلية|رسالة معاد توجيهها)\\s*-{3,}$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern UNDERSCORES = Pattern.compile("^_{10,}$");
    private static final Pattern HEADER_FROM = Pattern.compile("^\\*?(from|من|de|von)\\s*\\*?\\s*:.*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_OTHER = Pattern.compile(
            "^\\*?(sent|date|to|subject|cc|تم الإرسال|التاريخ|إلى|الموضوع|نسخة|envoyé|objet|gesendet|betreff|an)"
                    + "\\s*\\*?\\s*:.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern PHONE_SIGNATURE = Pattern.compile(
            "^(sent from my \\S.{0,40}|get outlook for (ios|android).{0,20}|أرسلت من (الـ|ال)?\\s?(iphone|ipad).{0,20})$",
            Pattern.CASE_INSENSITIVE);

    private QuotedText() {
    }

    /**
     * @param text the plain text of a mail (any line ends)
     * @return what the citizen wrote, with {@code \n} line ends, no leading or trailing blank lines, at most one
     *         blank line in a row; never null
     */
    static String cut(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String t = BIDI.matcher(line).replaceAll("").strip();
            if (line.equals("-- ") || line.equals("--")) {
                break;
            }
            if (isAttribution(t) || (i + 1 < lines.length && t.length() > 2
                    && isAttribution(t + " " + BIDI.matcher(lines[i + 1]).replaceAll("").strip()))) {
                break;
            }
            if (ORIGINAL_MESSAGE.matcher(t).matches() || (UNDERSCORES.matcher(t).matches() && headerBlockAt(lines,
                    nextNonBlank(lines, i + 1))) || headerBlockAt(lines, i) || PHONE_SIGNATURE.matcher(t).matches()) {
                break;
            }
            if (t.startsWith(">")) {
                continue;
            }
            kept.add(stripTrailing(line));
        }
        return tidy(kept);
    }

    private static boolean isAttribution(String line) {
        return line.length() < 400 && ATTRIBUTION.matcher(line.toLowerCase(Locale.ROOT)).matches();
    }

    /** A {@code From:} line followed, within three lines, by another header line of a quoted message. */
    private static boolean headerBlockAt(String[] lines, int i) {
        if (i < 0 || i >= lines.length || !HEADER_FROM.matcher(BIDI.matcher(lines[i]).replaceAll("").strip()).matches()) {
            return false;
        }
        for (int j = i + 1; j < Math.min(lines.length, i + 4); j++) {
            if (HEADER_OTHER.matcher(BIDI.matcher(lines[j]).replaceAll("").strip()).matches()) {
                return true;
            }
        }
        return false;
    }

    private static int nextNonBlank(String[] lines, int from) {
        for (int i = from; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                return i;
            }
        }
        return -1;
    }

    private static String stripTrailing(String line) {
        return line.stripTrailing();
    }

    /** Joins lines with {@code \n}: no blank lines at either end, never two blank lines in a row. */
    static String tidy(List<String> lines) {
        StringBuilder out = new StringBuilder();
        boolean blank = false;
        for (String line : lines) {
            if (line.isBlank()) {
                blank = !out.isEmpty();
                continue;
            }
            if (!out.isEmpty()) {
                out.append(blank ? "\n\n" : "\n");
            }
            out.append(line);
            blank = false;
        }
        return out.toString();
    }
}
