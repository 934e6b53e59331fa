package gov.tawasul.channels.twitter;

import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.port.SendReconciliation;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Asks X whether it holds a DM whose send was interrupted: {@code GET /2/dm_events} of the account
 * (https://developer.x.com/en/docs/x-api/direct-messages/lookup/api-reference/get-dm_events, through
 * {@link DmEventsClient}, newest first) is read back to {@link #CLOCK_SKEW} before the send began, at most
 * {@value #MAX_PAGES} pages of 100; a {@code MessageCreate} event sent by our account ({@code sender_id} = the
 * message's sender address), in the one-to-one conversation with the recipient ({@code dm_conversation_id}
 * {@code "<id>-<id>"}) with exactly our text (ends stripped) is a candidate, oldest first, status {@code SENT}.
 * Nothing found once the pages reach before the send: {@code NotFound} (a DM is listed as soon as it is created).
 * Not 200, a network failure, or more DMs since the send than the pages hold: {@code Unknown}. Blocking (awaits the
 * reactive client): call on a worker thread, as the outbox calls {@code reconcile}.
 */
@ApplicationScoped
public class SentDmLookup {

    /** Our clock against X's, either way. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
    static final int MAX_PAGES = 5;
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(20);

    private final DmEventsClient client;

    SentDmLookup(DmEventsClient client) {
        this.client = client;
    }

    /** @return what X holds of {@code message}, whose send began at {@code sendBegan} */
    public SendReconciliation find(OutboundMessage message, Instant sendBegan) {
        if (!client.configured()) {
            return new SendReconciliation.Unknown("the X credentials are not set: GET /2/dm_events cannot be asked");
        }
        Instant from = sendBegan.minus(CLOCK_SKEW);
        String us = message.from().value();
        String recipient = message.to().value();
        String text = message.text().strip();
        List<SendReconciliation.Candidate> newestFirst = new ArrayList<>();
        String token = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            DmEventsClient.Result r;
            try {
                r = client.page(token).await().atMost(PAGE_TIMEOUT);
            } catch (RuntimeException e) {
                return new SendReconciliation.Unknown("GET /2/dm_events failed: " + e);
            }
            if (!r.ok()) {
                return new SendReconciliation.Unknown("GET /2/dm_events answered " + r.status());
            }
            boolean reachedBefore = false;
            for (DmEventsPage.Event e : r.page().data() == null ? List.<DmEventsPage.Event>of() : r.page().data()) {
                Instant at = instant(e.createdAt());
                if (at == null) {
                    continue;
                }
                if (at.isBefore(from)) {
                    reachedBefore = true;
                    continue;
                }
                if (us.equals(e.senderId()) && withRecipient(e.dmConversationId(), us, recipient)
                        && e.text() != null && text.equals(e.text().strip()) && e.id() != null) {
                    newestFirst.add(new SendReconciliation.Candidate(e.id(), DeliveryStatus.SENT));
                }
            }
            String next = r.page().meta() == null ? null : r.page().meta().nextToken();
            if (reachedBefore || next == null) {
                return outcome(newestFirst);
            }
            token = next;
        }
        return newestFirst.isEmpty()
                ? new SendReconciliation.Unknown("more DMs since the send than " + MAX_PAGES + " pages of dm_events hold")
                : outcome(newestFirst);
    }

    private static SendReconciliation outcome(List<SendReconciliation.Candidate> newestFirst) {
        if (newestFirst.isEmpty()) {
            return new SendReconciliation.NotFound();
        }
        List<SendReconciliation.Candidate> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return new SendReconciliation.Found(oldestFirst);
    }

    /** A one-to-one conversation id is the two user ids joined by {@code -}, in either order. */
    static boolean withRecipient(String conversationId, String us, String recipient) {
        return conversationId != null
                && (conversationId.equals(us + "-" + recipient) || conversationId.equals(recipient + "-" + us));
    }

    private static Instant instant(String iso) {
        try {
            return iso == null ? null : Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
