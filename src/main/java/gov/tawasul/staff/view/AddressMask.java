package gov.tawasul.staff.view;

import gov.tawasul.engine.model.Address;

/**
 * How an agent sees a citizen's address: phone numbers keep their country and first digit and their last four
 * ({@code +966500000001} → {@code +9665••••0001}), e-mail addresses their first letter and domain
 * ({@code s•••@example.com}), Messenger PSIDs, X ids and web-chat visitor ids only their last four
 * ({@code ••••0001}). Supervisors and admins see addresses whole.
 */
public final class AddressMask {

    private static final String DOTS = "••••";

    private AddressMask() {
    }

    /**
     * @param address the address
     * @param whole   whether the viewer may see it whole (supervisor, admin)
     * @return the address as the viewer may see it
     */
    public static String show(Address address, boolean whole) {
        return whole ? address.value() : mask(address.value());
    }

    /** @return {@code value} masked as the class describes */
    public static String mask(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        int at = value.lastIndexOf('@');
        if (at > 0) {
            return value.charAt(0) + "•••" + value.substring(at);
        }
        String scheme = "";
        String rest = value;
        int colon = value.indexOf(':');
        if (colon > 0 && colon < value.length() - 1) {
            scheme = value.substring(0, colon + 1);
            rest = value.substring(colon + 1);
        }
        if (rest.startsWith("+") && rest.length() > 9) {
            return scheme + rest.substring(0, 5) + DOTS + rest.substring(rest.length() - 4);
        }
        return scheme + DOTS + (rest.length() > 4 ? rest.substring(rest.length() - 4) : "");
    }
}
