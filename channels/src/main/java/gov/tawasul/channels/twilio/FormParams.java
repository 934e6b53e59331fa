package gov.tawasul.channels.twilio;

import jakarta.ws.rs.BadRequestException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of an {@code application/x-www-form-urlencoded} body, in wire order, every pair kept: repeated
 * names (field case F03) and empty values ({@code ToCity=}) included, because Twilio signs all of them.
 * Names and values are decoded as UTF-8 ({@code +} is a space, {@code %2B} a plus: field case F04).
 * Format: https://url.spec.whatwg.org/#application/x-www-form-urlencoded
 */
public final class FormParams {

    /** One decoded name/value pair. */
    public record Pair(String name, String value) {
    }

    private final List<Pair> pairs;

    private FormParams(List<Pair> pairs) {
        this.pairs = List.copyOf(pairs);
    }

    /**
     * Parses a raw body.
     *
     * @param body the body bytes as received (UTF-8), may be empty
     * @throws BadRequestException (400) on a malformed percent escape
     */
    public static FormParams parse(byte[] body) {
        String text = new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8);
        List<Pair> pairs = new ArrayList<>();
        if (!text.isEmpty()) {
            for (String part : text.split("&", -1)) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String name = eq < 0 ? part : part.substring(0, eq);
                String value = eq < 0 ? "" : part.substring(eq + 1);
                pairs.add(new Pair(decode(name), decode(value)));
            }
        }
        return new FormParams(pairs);
    }

    /** Builds parameters from pairs already decoded (tests, other sources). */
    public static FormParams of(List<Pair> pairs) {
        return new FormParams(pairs);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // URLDecoder's only way of saying "%ZZ" or a truncated escape
            throw new BadRequestException("Malformed form body: invalid percent-encoding");
        }
    }

    /** @return every pair in wire order */
    public List<Pair> pairs() {
        return pairs;
    }

    /** @return the first value of {@code name}, or null when absent */
    public String first(String name) {
        for (Pair p : pairs) {
            if (p.name().equals(name)) {
                return p.value();
            }
        }
        return null;
    }

    /** @return the first value of {@code name}, or null when absent or blank */
    public String nonBlank(String name) {
        String v = first(name);
        return v == null || v.isBlank() ? null : v;
    }

    /** @return true when some name occurs more than once */
    public boolean hasRepeatedNames() {
        return pairs.stream().map(Pair::name).distinct().count() != pairs.size();
    }

    /** @return name → value; only meaningful when {@link #hasRepeatedNames()} is false (else the last value wins) */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (Pair p : pairs) {
            map.put(p.name(), p.value());
        }
        return map;
    }
}
