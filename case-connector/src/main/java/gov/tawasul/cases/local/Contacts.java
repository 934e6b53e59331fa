package gov.tawasul.cases.local;

import gov.tawasul.engine.model.CaseContact;
import gov.tawasul.engine.model.Channel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text form of a case's contacts in the {@code cases} table and in case CSV files:
 * {@code channel:address} pairs separated by {@code ;}, e.g. {@code sms:+966500000001;facebook:2000000000000001}.
 * Channel is a {@link Channel#wireName()} ({@code sms}, {@code facebook}, {@code twitter}); an SMS address is E.164.
 */
public final class Contacts {

    private Contacts() {
    }

    /**
     * @param text the column value; null or blank means no contacts
     * @throws IllegalArgumentException for a pair without {@code :}, an unknown channel or an empty address
     */
    public static List<CaseContact> parse(String text) {
        List<CaseContact> contacts = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return contacts;
        }
        for (String pair : text.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int colon = pair.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("contact '" + pair.trim() + "' is not channel:address");
            }
            String address = pair.substring(colon + 1).trim();
            if (address.isEmpty()) {
                throw new IllegalArgumentException("contact '" + pair.trim() + "' has no address");
            }
            contacts.add(new CaseContact(channel(pair.substring(0, colon).trim()), address));
        }
        return contacts;
    }

    private static Channel channel(String wireName) {
        try {
            return Channel.fromWireName(wireName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("contact channel '" + wireName + "' is not one of "
                    + Arrays.stream(Channel.values()).map(Channel::wireName).collect(Collectors.joining(", ")), e);
        }
    }

    /** @return the text form of {@code contacts}. */
    public static String format(List<CaseContact> contacts) {
        return contacts.stream().map(c -> c.channel().wireName() + ":" + c.address()).collect(Collectors.joining(";"));
    }
}
