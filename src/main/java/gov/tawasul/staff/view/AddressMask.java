package gov.tawasul.staff.view;

import gov.tawasul.engine.log.Masked;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;

/**
 * How an agent sees a citizen's address: masked as {@link Masked#address(String)} defines it (the same masking
 * as the logs: {@code +966500000001} → {@code +9665••••0001}, {@code s•••@example.com}, {@code ••••0001}).
 * Supervisors and admins see addresses whole.
 */
public final class AddressMask {

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

    /**
     * How the console's list and a transcript's head name the citizen. A web-chat visitor id (22 random characters,
     * meaningless to a person, and long enough to break the list's line) is shown short to everyone, with a word for
     * what it is: {@code زائر ••1a2b} / {@code Visitor ••1a2b} (its last four characters, isolated left to right).
     * Other addresses as {@link #show} gave them.
     *
     * @param channel the conversation's channel
     * @param shown   the address as {@link #show} gave it to this viewer (masked or whole)
     * @param lang    the console's language, {@code ar} or {@code en}
     * @return the label
     */
    public static String label(Channel channel, String shown, String lang) {
        if (channel != Channel.WEBCHAT || shown == null) {
            return shown;
        }
        String last = shown.length() > 4 ? shown.substring(shown.length() - 4) : shown.replace("•", "");
        return ("en".equals(lang) ? "Visitor" : "زائر") + " \u2066••" + last + "\u2069";
    }

    /** @return {@code value} masked ({@link Masked#address(String)}) */
    public static String mask(String value) {
        return Masked.address(value);
    }
}
