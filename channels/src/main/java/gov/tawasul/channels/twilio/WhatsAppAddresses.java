package gov.tawasul.channels.twilio;

/**
 * WhatsApp addresses on Twilio's wire: {@code whatsapp:+E164} in {@code From}/{@code To} of webhooks, status
 * callbacks and the Messages API (https://www.twilio.com/docs/whatsapp/api#using-twilio-phone-numbers-with-whatsapp);
 * stored by the engine as the bare E.164 number under {@code Channel.WHATSAPP}.
 */
public final class WhatsAppAddresses {

    /** The prefix of a WhatsApp address on Twilio's wire. */
    public static final String PREFIX = "whatsapp:";

    private WhatsAppAddresses() {
    }

    /** @return true when {@code wire} is a WhatsApp address ({@code whatsapp:…}) */
    public static boolean isWhatsApp(String wire) {
        return wire != null && wire.strip().startsWith(PREFIX);
    }

    /** @return {@code wire} without its {@code whatsapp:} prefix ({@code whatsapp:+15555550100} → {@code +15555550100}) */
    public static String bare(String wire) {
        String s = wire.strip();
        return s.startsWith(PREFIX) ? s.substring(PREFIX.length()).strip() : s;
    }

    /** @return the wire form of a stored E.164 number ({@code +15555550100} → {@code whatsapp:+15555550100}) */
    public static String wire(String e164) {
        return PREFIX + bare(e164);
    }
}
