package gov.tawasul.channels.twilio;

/**
 * Counts the SMS segments a text costs (3GPP TS 23.038 alphabets; Twilio's rules:
 * https://www.twilio.com/docs/glossary/what-sms-character-limit).
 * <ul>
 *   <li>GSM-7, when every character is in the GSM 03.38 basic set or its extension table: 160 septets in one
 *       segment, 153 per segment once split; an extension character ({@code ^ { } \ [ ] ~ | €}, form feed) costs 2
 *       septets and is never split across segments.</li>
 *   <li>Otherwise UCS-2 (Arabic, emoji): 70 UTF-16 units in one segment, 67 per segment once split; a character
 *       outside the BMP (emoji) is 2 units and is never split (field case F11).</li>
 * </ul>
 */
public final class SmsSegments {

    /** The encoding a text is sent in. */
    public enum Encoding { GSM7, UCS2 }

    /**
     * @param encoding GSM-7 or UCS-2
     * @param units    septets (GSM-7) or UTF-16 code units (UCS-2)
     * @param segments number of SMS segments; 0 for an empty text
     */
    public record Count(Encoding encoding, int units, int segments) {
    }

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    private SmsSegments() {
    }

    /** @return the encoding, unit count and segment count of {@code text} */
    public static Count count(String text) {
        if (text == null || text.isEmpty()) {
            return new Count(Encoding.GSM7, 0, 0);
        }
        return isGsm7(text) ? gsm7(text) : ucs2(text);
    }

    /** @return true when every character is in the GSM-7 basic set or its extension table */
    public static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static Count gsm7(String text) {
        int[] costs = text.chars().map(c -> GSM_EXTENSION.indexOf(c) >= 0 ? 2 : 1).toArray();
        return pack(Encoding.GSM7, costs, 160, 153);
    }

    private static Count ucs2(String text) {
        int[] costs = text.codePoints().map(Character::charCount).toArray();
        return pack(Encoding.UCS2, costs, 70, 67);
    }

    /** Packs indivisible characters of the given unit costs into segments. */
    private static Count pack(Encoding encoding, int[] costs, int single, int perPart) {
        int total = 0;
        for (int c : costs) {
            total += c;
        }
        if (total <= single) {
            return new Count(encoding, total, 1);
        }
        int segments = 1;
        int used = 0;
        for (int c : costs) {
            if (used + c > perPart) {
                segments++;
                used = 0;
            }
            used += c;
        }
        return new Count(encoding, total, segments);
    }
}
