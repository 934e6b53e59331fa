package gov.tawasul.channels.twilio;

/**
 * Replaces typographic characters that have a plain GSM-7 equivalent (3GPP TS 23.038 basic set) with it, so that
 * one curly apostrophe does not turn a whole SMS into UCS-2 (70 instead of 160 characters a segment). The table
 * follows the characters Twilio's Smart Encoding replaces
 * (https://www.twilio.com/docs/messaging/services/smart-encoding-char-list), limited to punctuation and spaces:
 * <table>
 *   <caption>folded characters</caption>
 *   <tr><th>to</th><th>from</th></tr>
 *   <tr><td>{@code '}</td><td>U+2018 ‘, U+2019 ’, U+201A ‚, U+201B ‛, U+2032 ′, U+2035 ‵, U+00B4 ´, U+0060 `,
 *       U+02B9 ʹ, U+02BB ʻ, U+02BC ʼ, U+02BD ʽ, U+02C8 ˈ, U+02CA ˊ, U+02CB ˋ, U+275B ❛, U+275C ❜, U+FF07 ＇</td></tr>
 *   <tr><td>{@code "}</td><td>U+201C “, U+201D ”, U+201E „, U+201F ‟, U+00AB «, U+00BB », U+2033 ″, U+2036 ‶,
 *       U+02BA ʺ, U+02EE ˮ, U+275D ❝, U+275E ❞, U+301D 〝, U+301E 〞, U+FF02 ＂</td></tr>
 *   <tr><td>{@code -}</td><td>U+2010 ‐, U+2011 ‑ (non-breaking hyphen), U+2012 ‒, U+2013 – (en dash),
 *       U+2014 — (em dash), U+2015 ―, U+2043 ⁃, U+2212 − (minus), U+FE58 ﹘, U+FE63 ﹣, U+FF0D －</td></tr>
 *   <tr><td>{@code ...}</td><td>U+2026 … (horizontal ellipsis)</td></tr>
 *   <tr><td>space</td><td>U+00A0 (no-break space), U+2000–U+200A (en quad … hair space), U+202F (narrow no-break
 *       space), U+205F (medium mathematical space), U+3000 (ideographic space)</td></tr>
 *   <tr><td>nothing</td><td>invisible characters: U+00AD (soft hyphen), U+200B (zero-width space), U+200C ZWNJ,
 *       U+200D ZWJ, U+200E LRM, U+200F RLM, U+2060 (word joiner), U+FEFF (zero-width no-break space)</td></tr>
 * </table>
 * Every other character is kept: letters (GSM-7 has {@code é}, {@code ü}, … and no plain equivalent of the others),
 * Arabic, emoji. Whether the folded text is then GSM-7 is for the caller to check ({@link SmsSegments#isGsm7}).
 * Thread-safe, no state.
 */
public final class Gsm7Folding {

    private Gsm7Folding() {
    }

    /**
     * @param text any text, not null
     * @return the text with every character of the table replaced by its GSM-7 equivalent (the same instance when
     *         there is none)
     */
    public static String fold(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String plain = plain(cp);
            if (plain != null && out == null) {
                out = new StringBuilder(text.length() + 2).append(text, 0, i);
            }
            if (out != null) {
                if (plain == null) {
                    out.appendCodePoint(cp);
                } else {
                    out.append(plain);
                }
            }
            i += Character.charCount(cp);
        }
        return out == null ? text : out.toString();
    }

    /** @return the GSM-7 replacement of one code point, or null when it is kept */
    static String plain(int cp) {
        return switch (cp) {
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035, 0x00B4, 0x0060, 0x02B9, 0x02BB, 0x02BC, 0x02BD,
                 0x02C8, 0x02CA, 0x02CB, 0x275B, 0x275C, 0xFF07 -> "'";
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB, 0x2033, 0x2036, 0x02BA, 0x02EE, 0x275D, 0x275E,
                 0x301D, 0x301E, 0xFF02 -> "\"";
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2043, 0x2212, 0xFE58, 0xFE63, 0xFF0D -> "-";
            case 0x2026 -> "...";
            case 0x00A0, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A,
                 0x202F, 0x205F, 0x3000 -> " ";
            case 0x00AD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF -> "";
            default -> null;
        };
    }
}
