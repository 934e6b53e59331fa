package gov.tawasul.cases.rest;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes a value as ONE URL path segment (RFC 3986 section 2.1, https://www.rfc-editor.org/rfc/rfc3986):
 * only ASCII letters, digits, {@code -}, {@code _} and {@code ~} stay as they are; every other byte of the UTF-8 form,
 * including {@code /} and {@code .}, becomes {@code %XX}. So {@code 2024/12345} → {@code 2024%2F12345} and
 * {@code ..} → {@code %2E%2E}: a case number can never select another path of the API.
 */
public final class PathSegments {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegments() {
    }

    /** @return {@code value} encoded as a single path segment */
    public static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
