package gov.tawasul.engine.reply;

import gov.tawasul.engine.model.QuickReply;

import java.util.List;

/**
 * A composed reply, not yet stored.
 *
 * @param text         the text in the reply's language
 * @param locale       {@code "ar"} or {@code "en"}
 * @param quickReplies buttons offered under it (used by channels that have them)
 */
public record Reply(String text, String locale, List<QuickReply> quickReplies) {
}
