package gov.tawasul.channels.email;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The citizen's text and the attachments of a MIME message (RFC 2045–2049), whatever its structure and charset:
 * <ul>
 *   <li>the {@code text/plain} body when there is one with text (in {@code multipart/alternative} it wins over HTML),
 *       else the {@code text/html} body turned to text ({@link HtmlText}); inline text parts of a
 *       {@code multipart/mixed} are joined; then quoted history and signature are cut ({@link QuotedText});</li>
 *   <li>attachments: parts with {@code Content-Disposition: attachment}, parts with a file name, forwarded messages
 *       ({@code message/rfc822}) and non-text parts — except the inline images of a {@code multipart/related} HTML body
 *       (logos in signatures); only their names are kept, never their content;</li>
 *   <li>charsets: the declared one ({@code windows-1256}, {@code ISO-8859-6}, {@code UTF-8}, any the JDK has, by their
 *       MIME names); when none is declared, or {@code us-ascii}/{@code UTF-8} is declared and the bytes are not
 *       valid UTF-8, strict UTF-8 then {@code windows-1256} (the Arabic Windows code page, what an unlabelled Arabic
 *       mail most often is); an HTML part without a MIME charset takes its {@code <meta charset>};</li>
 *   <li>headers written as raw 8-bit bytes instead of RFC 2047 encoded words are decoded the same way
 *       ({@link #header}).</li>
 * </ul>
 * A broken part (bad transfer encoding, unparseable header) costs only that part. Reading parts of an IMAP
 * message fetches them from the server (the attachments are never downloaded).
 */
final class MailText {

    /** At most this much of one text part is read. */
    static final int MAX_TEXT_BYTES = 1 << 20;
    private static final Charset WINDOWS_1256 = Charset.forName("windows-1256");
    private static final Pattern META_CHARSET = Pattern.compile("(?i)<meta[^>]+charset\\s*=\\s*[\"']?([\\w.:-]+)");

    private MailText() {
    }

    /**
     * What a message carries for the bot.
     *
     * @param text        the citizen's text, quotes and signature cut; never null
     * @param attachments file names (or content types) of the attachments, in order; never null
     */
    record Body(String text, List<String> attachments) {
    }

    /** Collects the bodies while walking the MIME tree. */
    private static final class Walk {
        final StringBuilder plain = new StringBuilder();
        final StringBuilder html = new StringBuilder();
        final List<String> attachments = new ArrayList<>();
    }

    /** @return the text and attachments of {@code message} (a whole message or one part of it) */
    static Body of(Part message) {
        Walk walk = new Walk();
        walk(message, false, walk, 0);
        String plain = QuotedText.cut(walk.plain.toString());
        String text = !plain.isBlank() || walk.html.isEmpty() ? plain : QuotedText.cut(HtmlText.toText(walk.html.toString()));
        return new Body(text, List.copyOf(walk.attachments));
    }

    private static void walk(Part part, boolean inRelated, Walk walk, int depth) {
        if (depth > 20) {
            return;
        }
        String type = baseType(part);
        String disposition = disposition(part);
        String fileName = fileName(part);
        if (type.startsWith("multipart/")) {
            multipart(part, type, walk, depth);
        } else if (type.equals("message/rfc822") || type.equals("message/global")) {
            walk.attachments.add(fileName != null ? fileName : type);
        } else if (Part.ATTACHMENT.equalsIgnoreCase(disposition) || (fileName != null && !inRelated)) {
            walk.attachments.add(fileName != null ? fileName : type);
        } else if (type.equals("text/plain")) {
            append(walk.plain, text(part, false));
        } else if (type.equals("text/html")) {
            append(walk.html, text(part, true));
        } else if (!inRelated && !type.startsWith("text/")) {
            walk.attachments.add(fileName != null ? fileName : type);
        }
    }

    private static void multipart(Part part, String type, Walk walk, int depth) {
        try {
            Object content = part.getContent();
            if (!(content instanceof Multipart mp)) {
                return;
            }
            int count = mp.getCount();
            if (type.equals("multipart/alternative")) {
                alternative(mp, count, walk, depth);
                return;
            }
            boolean related = type.equals("multipart/related");
            for (int i = 0; i < count; i++) {
                BodyPart child = mp.getBodyPart(i);
                if ((type.equals("multipart/signed") || type.equals("multipart/encrypted")) && i > 0) {
                    break; // the signature or the encrypted payload: not the citizen's text
                }
                walk(child, related && i > 0, walk, depth + 1);
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            // a broken multipart: what was read so far is kept
        }
    }

    /** {@code multipart/alternative}: the plain part when it has text, else the richest other part. */
    private static void alternative(Multipart mp, int count, Walk walk, int depth) throws MessagingException {
        BodyPart plain = null;
        BodyPart other = null;
        for (int i = 0; i < count; i++) {
            BodyPart child = mp.getBodyPart(i);
            String type = baseType(child);
            if (type.equals("text/plain") && plain == null && !text(child, false).isBlank()) {
                plain = child;
            } else if (type.equals("text/html") || type.startsWith("multipart/")) {
                other = child;
            }
        }
        if (plain != null) {
            walk(plain, false, walk, depth + 1);
            if (other != null) {
                collectAttachments(other, walk, depth + 1);
            }
        } else if (other != null) {
            walk(other, false, walk, depth + 1);
        }
    }

    /** The attachments inside the alternative not taken (Apple Mail puts them in the HTML branch). */
    private static void collectAttachments(Part part, Walk walk, int depth) {
        Walk other = new Walk();
        walk(part, false, other, depth);
        walk.attachments.addAll(other.attachments);
    }

    private static void append(StringBuilder body, String text) {
        if (text.isBlank()) {
            return;
        }
        if (!body.isEmpty()) {
            body.append("\n\n");
        }
        body.append(text);
    }

    /** @return the decoded text of a text part; empty when it cannot be read */
    static String text(Part part, boolean html) {
        byte[] bytes = bytes(part);
        if (bytes.length == 0) {
            return "";
        }
        String declared = charsetParameter(part);
        if (declared == null && html) {
            Matcher m = META_CHARSET.matcher(new String(bytes, 0, Math.min(bytes.length, 4096),
                    StandardCharsets.ISO_8859_1));
            if (m.find()) {
                declared = m.group(1);
            }
        }
        return decode(bytes, declared);
    }

    /**
     * @param bytes    the bytes of a text
     * @param declared the declared MIME charset name, or null
     * @return the text: in the declared charset when the JDK has it (undecodable bytes replaced), except that an
     *         undeclared, {@code us-ascii} or {@code UTF-8} text that is not valid UTF-8 is read as
     *         {@code windows-1256}
     */
    static String decode(byte[] bytes, String declared) {
        String name = declared == null ? null : declared.strip().toLowerCase(Locale.ROOT);
        if (name == null || name.isEmpty() || name.equals("us-ascii") || name.equals("ascii")
                || name.equals("utf-8") || name.equals("utf8") || name.equals("unknown-8bit") || name.equals("x-unknown")) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return new String(bytes, WINDOWS_1256);
            }
        }
        Charset charset = charset(name);
        return new String(bytes, charset != null ? charset : WINDOWS_1256);
    }

    private static Charset charset(String mimeName) {
        try {
            return Charset.forName(MimeUtility.javaCharset(mimeName));
        } catch (RuntimeException e) {
            try {
                return Charset.forName(mimeName);
            } catch (RuntimeException e2) {
                return null;
            }
        }
    }

    /**
     * A header value as a person would read it: raw 8-bit bytes (a client that did not encode them) decoded as
     * UTF-8 or else {@code windows-1256}, then RFC 2047 encoded words decoded (also inside words).
     *
     * @param raw the unfolded header value as Jakarta Mail read it (8-bit bytes as ISO-8859-1 characters), or null
     * @return the decoded value, or null for null
     */
    static String header(String raw) {
        if (raw == null) {
            return null;
        }
        String value = eightBit(raw);
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value)).strip();
        } catch (IOException | RuntimeException e) {
            return value.strip();
        }
    }

    /** @return {@code raw} with 8-bit bytes read as UTF-8 or windows-1256, unchanged when it is ASCII */
    static String eightBit(String raw) {
        boolean high = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c > 0xFF) {
                return raw; // already decoded (RFC 6532 UTF-8 headers)
            }
            high |= c >= 0x80;
        }
        return high ? decode(raw.getBytes(StandardCharsets.ISO_8859_1), null) : raw;
    }

    private static byte[] bytes(Part part) {
        try (InputStream in = part.getInputStream()) {
            return in.readNBytes(MAX_TEXT_BYTES);
        } catch (IOException | MessagingException | RuntimeException e) {
            // a broken transfer encoding: the bytes as they are
            try (InputStream raw = part instanceof MimeBodyPart body ? body.getRawInputStream()
                    : part instanceof MimeMessage message ? message.getRawInputStream() : null) {
                return raw == null ? new byte[0] : raw.readNBytes(MAX_TEXT_BYTES);
            } catch (IOException | MessagingException | RuntimeException e2) {
                return new byte[0];
            }
        }
    }

    /** @return the lower-case base type ({@code text/plain} when missing or unparseable, as RFC 2045 says) */
    static String baseType(Part part) {
        try {
            String header = part.getContentType();
            return header == null ? "text/plain" : new ContentType(header).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "text/plain";
        }
    }

    /** @return a parameter of the Content-Type ({@code charset}, {@code report-type}), or null */
    static String contentTypeParameter(Part part, String name) {
        try {
            String header = part.getContentType();
            return header == null ? null : new ContentType(header).getParameter(name);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static String charsetParameter(Part part) {
        return contentTypeParameter(part, "charset");
    }

    private static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static String fileName(Part part) {
        try {
            String name = part.getFileName();
            return name == null || name.isBlank() ? null : header(name);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /** @return the raw bytes of a part as text (ISO-8859-1, byte for byte): for report parts; empty on failure */
    static String raw(Part part) {
        return new String(bytes(part), StandardCharsets.ISO_8859_1);
    }
}
