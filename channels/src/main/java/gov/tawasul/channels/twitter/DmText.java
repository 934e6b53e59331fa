package gov.tawasul.channels.twitter;

import gov.tawasul.channels.twitter.AccountActivityPayload.MessageData;
import gov.tawasul.channels.twitter.AccountActivityPayload.UrlEntity;

/**
 * The readable text of a DM: X shortens every link to {@code https://t.co/…} and lists the original in
 * {@code entities.urls[].expanded_url}; an attached photo or GIF adds its own t.co link to the text
 * (https://developer.x.com/en/docs/x-api/v1/direct-messages/message-attachments/guides/attaching-media).
 */
final class DmText {

    private DmText() {
    }

    /**
     * @return the text with t.co links replaced by their expanded URL and the attachment's own link removed,
     *         stripped; empty (never null) when nothing else was typed
     */
    static String readable(MessageData data) {
        if (data == null || data.text() == null) {
            return "";
        }
        String text = data.text();
        String mediaUrl = mediaUrl(data);
        if (mediaUrl != null) {
            text = text.replace(mediaUrl, "");
        }
        if (data.entities() != null && data.entities().urls() != null) {
            for (UrlEntity url : data.entities().urls()) {
                if (url.url() != null && !url.url().isEmpty() && url.expandedUrl() != null
                        && !url.url().equals(mediaUrl)) {
                    text = text.replace(url.url(), url.expandedUrl());
                }
            }
        }
        return text.strip();
    }

    /** @return the t.co link of the attached media, or null */
    static String mediaUrl(MessageData data) {
        if (data == null || data.attachment() == null || data.attachment().media() == null) {
            return null;
        }
        return data.attachment().media().url();
    }
}
