package gov.tawasul.engine.identity;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.reply.EmailAddresses;
import gov.tawasul.engine.reply.PhoneNumbers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a sender appears in Redis keys and in logs, never whole: in keys, the first 16 bytes of the SHA-256 of
 * {@code <channel>:<address in canonical form>} (hex); in logs, the channel and the address's last four characters
 * ({@code facebook:••••0001}).
 */
public final class SenderKey {

    private SenderKey() {
    }

    /** @return the address in the form compared everywhere: E.164 for phone numbers, canonical e-mail, else as is */
    public static String canonical(Address address) {
        Channel channel = address.channel();
        if (channel == Channel.SMS || channel == Channel.WHATSAPP) {
            String e164 = PhoneNumbers.toE164(address.value());
            return e164 == null ? address.value().strip() : e164;
        }
        if (channel == Channel.EMAIL) {
            return EmailAddresses.canonical(address.value());
        }
        return address.value().strip();
    }

    /** @return 32 hex characters naming the sender in Redis keys */
    public static String of(Address address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (address.channel().name() + ":" + canonical(address)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the address as logs may show it: {@code <channel>:••••<last four>} */
    public static String masked(Address address) {
        String v = address.value();
        return address.channel().wireName() + ":••••" + (v.length() > 4 ? v.substring(v.length() - 4) : "");
    }
}
