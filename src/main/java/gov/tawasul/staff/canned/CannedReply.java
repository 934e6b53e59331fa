package gov.tawasul.staff.canned;

/**
 * A prepared answer staff insert in the reply box.
 *
 * @param id     {@code canned_reply.id}
 * @param locale {@code ar} or {@code en}
 * @param title  short name shown on its button (≤ 80 characters, unique per language)
 * @param text   the text inserted (≤ 2,000 characters)
 */
public record CannedReply(long id, String locale, String title, String text) {
}
