package gov.tawasul.engine.model;

/**
 * A button offered under a reply (Messenger quick reply, X quick-reply option).
 *
 * @param title   text shown to the citizen, in the reply's language (Messenger: at most 20 characters)
 * @param payload what comes back when tapped: {@code ANOTHER_CASE}, {@code HELP}, {@code TALK_TO_AGENT} or
 *                {@code CASE:<number>} (a suggested case number)
 */
public record QuickReply(String title, String payload) {
}
