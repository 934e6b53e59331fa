package gov.tawasul.channels.email;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Message-ID}s (RFC 5322 §3.6.4) as the e-mail channel uses them: the provider message id of every e-mail,
 * inbound and outbound, is its {@code Message-ID} with the angle brackets ({@code <CAK7f1sXq2m@mail.example.com>}),
 * so that the ids named by {@code In-Reply-To}, {@code References} and a bounce's returned headers compare equal to
 * the stored ones as they are.
 */
final class MessageIds {

    /** Longest id stored as it is ({@code provider_message_id varchar(256)}); a longer one is stored hashed. */
    static final int MAX_STORED = 250;
    /** Prefix of the ids made for a message without a usable {@code Message-ID}. */
    static final String HASH_PREFIX = "sha256:";

    private static final Pattern ID = Pattern.compile("<[^<>\\s]+>");
    /** Ids kept in {@code References} of a reply (RFC 5322 allows trimming the middle of a long chain). */
    private static final int MAX_REFERENCES = 10;

    private MessageIds() {
    }

    /**
     * @param header a {@code Message-ID}, {@code In-Reply-To} or {@code References} value, may be null
     * @return every {@code <id>} in it, in order, without repeats (comments and bare words dropped)
     */
    static List<String> all(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = ID.matcher(header);
        while (m.find()) {
            ids.add(m.group());
        }
        return new ArrayList<>(ids);
    }

    /** @return the first {@code <id>} of a {@code Message-ID} header, or null when it has none */
    static String first(String header) {
        List<String> ids = all(header);
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** @return the id as stored: itself, or {@link #HASH_PREFIX} and its SHA-256 when longer than {@link #MAX_STORED} */
    static String stored(String id) {
        return id.length() <= MAX_STORED ? id : HASH_PREFIX + sha256(id);
    }

    /**
     * The key of a message that has no {@code Message-ID}: a hash of what identifies it, so that the same message
     * read twice is one message.
     */
    static String synthetic(String sender, String date, String subject, String body) {
        return HASH_PREFIX + sha256(String.join("\u0000", nullToEmpty(sender), nullToEmpty(date),
                nullToEmpty(subject), nullToEmpty(body)));
    }

    /** @return whether the provider id is a real {@code Message-ID} (one that can be replied to) */
    static boolean isReal(String providerId) {
        return providerId != null && providerId.startsWith("<");
    }

    /**
     * Our {@code Message-ID} of outbound message {@code outboundId}: {@code <tawasul.out.<id>.<hash>@<domain>>}, the
     * same for every attempt of one message (a retry after a lost answer of the relay is recognised by the
     * citizen's client as the same message), different across databases (the hash covers recipient and text).
     */
    static String ours(long outboundId, String recipient, String text, String domain) {
        String hash = sha256(outboundId + "\u0000" + recipient + "\u0000" + text).substring(0, 8);
        return "<tawasul.out." + outboundId + "." + hash + "@" + domain + ">";
    }

    /**
     * {@code References} of a reply (RFC 5322 §3.6.4): the parent's {@code References} (or its {@code In-Reply-To})
     * followed by the parent's {@code Message-ID}; the first and the last ids are kept when the chain is long.
     *
     * @return the ids separated by a space, or null when the parent has no {@code Message-ID}
     */
    static String references(String parentReferences, String parentInReplyTo, String parentMessageId) {
        if (!isReal(parentMessageId)) {
            return null;
        }
        List<String> chain = new ArrayList<>(all(parentReferences));
        if (chain.isEmpty()) {
            chain.addAll(all(parentInReplyTo));
        }
        chain.remove(parentMessageId);
        chain.add(parentMessageId);
        if (chain.size() > MAX_REFERENCES) {
            List<String> kept = new ArrayList<>();
            kept.add(chain.get(0));
            kept.addAll(chain.subList(chain.size() - (MAX_REFERENCES - 1), chain.size()));
            chain = kept;
        }
        return String.join(" ", chain);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
