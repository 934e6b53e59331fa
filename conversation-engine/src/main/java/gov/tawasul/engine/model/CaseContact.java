package gov.tawasul.engine.model;

/**
 * A registered contact of a case, allowed to learn its details under {@code contact-match} disclosure.
 *
 * @param channel the channel ({@code {"channel":"sms","address":"+966500000001"}} in the API)
 * @param address E.164 number, PSID or X user id
 */
public record CaseContact(Channel channel, String address) {
}
