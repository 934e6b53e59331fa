package gov.tawasul.engine.reply;

import java.net.IDN;
import java.util.Locale;

/**
 * Comparison of e-mail addresses as they come from mail headers and case systems: one canonical form, in which the
 * e-mail channel stores a citizen's address and in which a case's {@code email} contacts are compared.
 * <p>
 * Canonical form: surrounding spaces and angle brackets dropped, the local part lower-cased (addresses are compared
 * case-insensitively; no mail system in use treats {@code Citizen@} and {@code citizen@} as two mailboxes), the domain
 * lower-cased in its IDNA ASCII form (RFC 5891, {@link IDN#toASCII}), without a trailing dot:
 * {@code " <Citizen.One@Bücher.Example.> "} → {@code "citizen.one@xn--bcher-kva.example"}.
 */
public final class EmailAddresses {

    /** Longest address an SMTP path can carry (RFC 5321 §4.5.3.1.3: 256 octets including the brackets). */
    public static final int MAX_LENGTH = 254;

    private EmailAddresses() {
    }

    /**
     * @param address an address, with or without {@code <>}, may be null
     * @return the canonical form, or the empty string for null/blank; an address without {@code @} or with a domain
     *         IDNA refuses is lower-cased as a whole (so that it still compares equal to itself)
     */
    public static String canonical(String address) {
        if (address == null) {
            return "";
        }
        String a = address.strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1).strip();
        }
        if (a.startsWith("mailto:") || a.startsWith("MAILTO:")) {
            a = a.substring(7);
        }
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1) {
            return a.toLowerCase(Locale.ROOT);
        }
        String local = a.substring(0, at).toLowerCase(Locale.ROOT);
        String domain = a.substring(at + 1);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        try {
            domain = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // not a valid IDN: compare it as it is
        }
        return local + "@" + domain.toLowerCase(Locale.ROOT);
    }

    /** @return true when both addresses have the same non-empty canonical form */
    public static boolean same(String a, String b) {
        String x = canonical(a);
        return !x.isEmpty() && x.equals(canonical(b));
    }

    /** @return the local part of the canonical form ({@code "mailer-daemon"} of {@code MAILER-DAEMON@mx.example}) */
    public static String localPart(String address) {
        String c = canonical(address);
        int at = c.lastIndexOf('@');
        return at < 0 ? c : c.substring(0, at);
    }

    /** @return the domain of the canonical form (IDNA ASCII, lower case), or empty when there is none */
    public static String domain(String address) {
        String c = canonical(address);
        int at = c.lastIndexOf('@');
        return at < 0 ? "" : c.substring(at + 1);
    }
}
