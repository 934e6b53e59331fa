package gov.tawasul.engine.reply;

/** E.164 comparison of phone numbers as they come from providers and case systems. */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    /**
     * Brings a phone number to E.164 form: drops a {@code whatsapp:}/{@code sms:}/{@code tel:} prefix, spaces,
     * dashes, dots and brackets, and turns a leading international {@code 00} into {@code +}.
     * {@code "00966 50-000-0001"} → {@code "+966500000001"}.
     */
    public static String toE164(String number) {
        if (number == null) {
            return "";
        }
        String n = number.strip();
        int colon = n.indexOf(':');
        if (colon >= 0 && colon < 10) {
            n = n.substring(colon + 1);
        }
        n = n.replaceAll("[\\s\\-.()\\u00A0]", "");
        if (n.startsWith("00")) {
            n = "+" + n.substring(2);
        }
        return n;
    }

    /** @return true when both numbers have the same E.164 form */
    public static boolean same(String a, String b) {
        String x = toE164(a);
        return !x.isEmpty() && x.equals(toE164(b));
    }
}
