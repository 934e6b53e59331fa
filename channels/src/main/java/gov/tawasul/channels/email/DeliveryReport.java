package gov.tawasul.channels.email;

import gov.tawasul.engine.model.DeliveryStatus;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MailDateFormat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A delivery status notification (a bounce) as RFC 3464 defines it: {@code multipart/report;
 * report-type=delivery-status} with a {@code message/delivery-status} part (per-message fields, then one block of
 * per-recipient fields: {@code Action}, {@code Status}, {@code Diagnostic-Code}, …) and the returned message or its
 * headers ({@code message/rfc822} or {@code text/rfc822-headers}; RFC 6533's {@code message/global-*} too), whose
 * {@code Message-ID} names our failed message. Pure.
 *
 * @param originalMessageId the returned message's {@code Message-ID} ({@code <…>}), or null when the report has none
 * @param status            {@code UNDELIVERED} when a recipient failed, {@code DELIVERED} when one was delivered
 *                          (relayed, expanded), or null when every recipient is only delayed
 * @param code              the failed (or delivered) recipient's {@code Status}, e.g. {@code 5.1.1}, or null
 * @param diagnostic        its {@code Diagnostic-Code} without the type ({@code 550 5.1.1 <…>: Recipient address
 *                          rejected: …}), or null
 * @param recipient         its {@code Final-Recipient} address, or null
 * @param occurredAt        the recipient's {@code Last-Attempt-Date}, else the report's {@code Arrival-Date}, or null
 */
record DeliveryReport(String originalMessageId, DeliveryStatus status, String code, String diagnostic,
                      String recipient, Instant occurredAt) {

    private static final int MAX_DIAGNOSTIC = 500;

    /** @return whether {@code message} is a delivery status notification */
    static boolean isReport(Part message) {
        return MailText.baseType(message).equals("multipart/report")
                && "delivery-status".equalsIgnoreCase(MailText.contentTypeParameter(message, "report-type"));
    }

    /**
     * @return the report, or empty when {@code message} is no delivery status notification or has no
     *         {@code message/delivery-status} part
     */
    static Optional<DeliveryReport> parse(Part message) {
        if (!isReport(message)) {
            return Optional.empty();
        }
        try {
            Object content = message.getContent();
            if (!(content instanceof Multipart parts)) {
                return Optional.empty();
            }
            String fields = null;
            String returnedId = null;
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                String type = MailText.baseType(part);
                if (type.equals("message/delivery-status") || type.equals("message/global-delivery-status")) {
                    fields = MailText.raw(part);
                } else if (type.equals("text/rfc822-headers") || type.equals("message/rfc822")
                        || type.equals("message/global") || type.equals("message/global-headers")) {
                    returnedId = returnedMessageId(MailText.raw(part));
                }
            }
            return fields == null ? Optional.empty() : Optional.of(of(fields, returnedId));
        } catch (MessagingException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Reads the {@code message/delivery-status} fields and picks the recipient that decides the status. */
    static DeliveryReport of(String fields, String originalMessageId) {
        List<Map<String, String>> blocks = blocks(fields);
        Map<String, String> perMessage = blocks.isEmpty() ? Map.of() : blocks.get(0);
        Map<String, String> failed = null;
        Map<String, String> delivered = null;
        for (Map<String, String> recipient : blocks.subList(Math.min(1, blocks.size()), blocks.size())) {
            String action = recipient.getOrDefault("action", "").strip().toLowerCase(Locale.ROOT);
            if (action.equals("failed") && failed == null) {
                failed = recipient;
            } else if ((action.equals("delivered") || action.equals("relayed") || action.equals("expanded"))
                    && delivered == null) {
                delivered = recipient;
            }
        }
        Map<String, String> decisive = failed != null ? failed : delivered;
        DeliveryStatus status = failed != null ? DeliveryStatus.UNDELIVERED
                : delivered != null ? DeliveryStatus.DELIVERED : null;
        if (decisive == null) {
            return new DeliveryReport(originalMessageId, null, null, null, null, date(perMessage.get("arrival-date")));
        }
        Instant at = date(decisive.get("last-attempt-date"));
        return new DeliveryReport(originalMessageId, status, statusCode(decisive.get("status")),
                typed(decisive.get("diagnostic-code")), typed(decisive.get("final-recipient")),
                at != null ? at : date(perMessage.get("arrival-date")));
    }

    /** @return the field blocks (separated by blank lines), each as lower-case name → unfolded value */
    static List<Map<String, String>> blocks(String fields) {
        List<Map<String, String>> blocks = new ArrayList<>();
        Map<String, String> block = new LinkedHashMap<>();
        String name = null;
        for (String line : fields.replace("\r\n", "\n").split("\n", -1)) {
            if (line.isBlank()) {
                if (!block.isEmpty()) {
                    blocks.add(block);
                    block = new LinkedHashMap<>();
                }
                name = null;
            } else if ((line.startsWith(" ") || line.startsWith("\t")) && name != null) {
                block.put(name, block.get(name) + " " + line.strip());
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                    block.putIfAbsent(name, line.substring(colon + 1).strip());
                }
            }
        }
        if (!block.isEmpty()) {
            blocks.add(block);
        }
        return blocks;
    }

    /** {@code Status: 5.1.1 (comment)} → {@code 5.1.1}. */
    private static String statusCode(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        int end = 0;
        while (end < v.length() && (Character.isDigit(v.charAt(end)) || v.charAt(end) == '.')) {
            end++;
        }
        return end == 0 ? v : v.substring(0, end);
    }

    /** {@code smtp; 550 …} → {@code 550 …}; {@code rfc822; a@b} → {@code a@b}. */
    private static String typed(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        int semicolon = value.indexOf(';');
        String v = (semicolon >= 0 && semicolon < 20 ? value.substring(semicolon + 1) : value).strip();
        return v.length() > MAX_DIAGNOSTIC ? v.substring(0, MAX_DIAGNOSTIC) : v;
    }

    private static Instant date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new MailDateFormat().parse(value.strip()).toInstant();
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    /** @return the {@code Message-ID} of the returned message or headers, or null */
    private static String returnedMessageId(String raw) {
        try {
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(
                    raw.getBytes(StandardCharsets.ISO_8859_1)));
            return MessageIds.first(headers.getHeader("Message-ID", " "));
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }
}
