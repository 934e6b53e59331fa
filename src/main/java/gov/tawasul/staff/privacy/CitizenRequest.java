package gov.tawasul.staff.privacy;

/**
 * Body of {@code POST /api/staff/citizens/export} and {@code /erase}: {@code {"channel":"sms","address":"+966500000001"}}
 * (addresses travel in the body, never in a URL that proxies log).
 *
 * @param channel wire name: {@code sms}, {@code facebook}, {@code twitter}, {@code email}, {@code whatsapp},
 *                {@code webchat}
 * @param address the citizen's address on it (E.164 number, PSID, X user id, e-mail address, visitor id)
 */
public record CitizenRequest(String channel, String address) {
}
