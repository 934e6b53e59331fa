package gov.tawasul.channels.email;

import gov.tawasul.engine.reply.EmailAddresses;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;

import java.util.Locale;
import java.util.Set;

/**
 * Why a mail must never be answered — an automatic answer to it could start a mail loop, or make the bot a relay —
 * or null when it may be. The reasons, in the order they are checked (stored as the message's {@code intent}; the
 * message is kept, visible to staff):
 * <ol>
 *   <li>{@code OWN_ADDRESS}: from our own address or one of {@code tawasul.email.own-addresses};</li>
 *   <li>{@code BOUNCE}: a delivery status notification (RFC 3464), {@code REPORT}: any other
 *       {@code multipart/report} (read receipts, RFC 8098; abuse reports);</li>
 *   <li>{@code NULL_RETURN_PATH}: {@code Return-Path: <>} (RFC 5321 §4.5.5: mail that must not be answered);</li>
 *   <li>{@code SYSTEM_SENDER}: from {@code MAILER-DAEMON} or {@code postmaster} (any case);</li>
 *   <li>{@code AUTO_SUBMITTED}: an {@code Auto-Submitted} field other than {@code no} (RFC 3834);</li>
 *   <li>{@code AUTO_REPLY}: {@code X-Autoreply}, {@code X-Autorespond} (out-of-office answers of systems that do
 *       not write {@code Auto-Submitted}), or {@code Precedence: auto_reply};</li>
 *   <li>{@code MAILING_LIST}: {@code List-Id} (RFC 2919) or {@code List-Unsubscribe} (RFC 2369);</li>
 *   <li>{@code PRECEDENCE}: {@code Precedence: bulk}, {@code list} or {@code junk};</li>
 *   <li>{@code NO_REPLY_SENDER}: a sender that says it reads nothing ({@code no-reply@}, {@code noreply@},
 *       {@code do-not-reply@}, …): an answer would bounce;</li>
 *   <li>{@code NO_SENDER}: no usable {@code From} address.</li>
 * </ol>
 * Pure (reads headers of a parsed message only).
 */
final class LoopGuard {

    private static final Set<String> SYSTEM_SENDERS = Set.of("mailer-daemon", "postmaster", "mail-daemon",
            "mailer_daemon");
    private static final Set<String> NO_REPLY_SENDERS = Set.of("noreply", "no-reply", "no_reply", "donotreply",
            "do-not-reply", "do_not_reply", "dontreply", "dont-reply");

    private LoopGuard() {
    }

    /**
     * @param message      the mail
     * @param sender       its sender in canonical form ({@link EmailAddresses#canonical}), empty when there is none
     * @param ownAddresses our addresses in canonical form
     * @return the reason not to answer, or null
     */
    static String reason(Part message, String sender, Set<String> ownAddresses) {
        if (!sender.isEmpty() && ownAddresses.contains(sender)) {
            return "OWN_ADDRESS";
        }
        if (MailText.baseType(message).equals("multipart/report")) {
            return DeliveryReport.isReport(message) ? "BOUNCE" : "REPORT";
        }
        String returnPath = first(message, "Return-Path");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return "NULL_RETURN_PATH";
        }
        String local = EmailAddresses.localPart(sender);
        if (SYSTEM_SENDERS.contains(local)) {
            return "SYSTEM_SENDER";
        }
        String autoSubmitted = first(message, "Auto-Submitted");
        if (autoSubmitted != null && !keyword(autoSubmitted).equals("no")) {
            return "AUTO_SUBMITTED";
        }
        String precedence = first(message, "Precedence");
        String precedenceKeyword = precedence == null ? "" : keyword(precedence);
        if (first(message, "X-Autoreply") != null || first(message, "X-Autorespond") != null
                || precedenceKeyword.equals("auto_reply")) {
            return "AUTO_REPLY";
        }
        if (first(message, "List-Id") != null || first(message, "List-Unsubscribe") != null) {
            return "MAILING_LIST";
        }
        if (precedenceKeyword.equals("bulk") || precedenceKeyword.equals("list") || precedenceKeyword.equals("junk")) {
            return "PRECEDENCE";
        }
        if (NO_REPLY_SENDERS.contains(local) || local.startsWith("noreply") || local.startsWith("no-reply")) {
            return "NO_REPLY_SENDER";
        }
        if (sender.isEmpty() || sender.indexOf('@') <= 0) {
            return "NO_SENDER";
        }
        return null;
    }

    /** {@code "auto-replied; owner-email=…"} → {@code "auto-replied"}; comments in brackets dropped. */
    private static String keyword(String value) {
        String v = value.replaceAll("\\([^)]*\\)", "").strip().toLowerCase(Locale.ROOT);
        int semicolon = v.indexOf(';');
        return (semicolon >= 0 ? v.substring(0, semicolon) : v).strip();
    }

    private static String first(Part message, String name) {
        try {
            String[] values = message.getHeader(name);
            return values == null || values.length == 0 ? null : values[0];
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }
}
