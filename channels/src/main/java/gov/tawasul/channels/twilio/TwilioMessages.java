package gov.tawasul.channels.twilio;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import gov.tawasul.engine.PublicUrl;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.SendResult;
import gov.tawasul.engine.port.SendReconciliation;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Twilio's Messages API, shared by the SMS and WhatsApp senders: {@code POST
 * {api-url}/2010-04-01/Accounts/{AccountSid}/Messages.json} through the Twilio SDK, with {@code StatusCallback} =
 * {@code tawasul.public-url + /webhooks/twilio/status}
 * (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource).
 * <p>
 * Blocking: called on a worker thread only. Failures are classified by {@link TwilioSendErrors}, never thrown.
 * {@link #find} tells whether Twilio holds a message whose send was interrupted.
 */
@ApplicationScoped
public class TwilioMessages {

    private static final Logger LOG = Logger.getLogger(TwilioMessages.class);
    /** Path of the status callback webhook. */
    public static final String STATUS_PATH = "/webhooks/twilio/status";

    private final TwilioRestClient client;
    private final String statusCallback;

    /**
     * @param config    credentials and API root
     * @param publicUrl {@code tawasul.public-url}, base of the {@code StatusCallback} URL
     */
    public TwilioMessages(TwilioConfig config, PublicUrl publicUrl) {
        this.statusCallback = publicUrl.resolve(STATUS_PATH, null);
        String accountSid = config.accountSid().orElse("unset");
        this.client = new TwilioRestClient.Builder(accountSid, config.authToken().orElse("unset"))
                .accountSid(accountSid)
                .httpClient(new ApiUrlHttpClient(config.apiUrl(), config.maxConnections()))
                .build();
    }

    /**
     * Creates one message. Blocking.
     *
     * @param outboundId {@code outbound_message.id}, for the log
     * @param creator    the message's fields ({@code To}, {@code From} or {@code MessagingServiceSid}, {@code Body}
     *                   or {@code ContentSid}…); the status callback is added here
     * @return accepted with the Message SID and the status Twilio gave ({@code queued}, {@code accepted} → QUEUED,
     *         {@code sent} → SENT), or a classified failure
     */
    public SendResult create(long outboundId, MessageCreator creator) {
        creator.setStatusCallback(statusCallback);
        try {
            Message sent = creator.create(client);
            return SendResult.accepted(sent.getSid(), status(sent));
        } catch (ApiException e) {
            SendResult result = TwilioSendErrors.classify(e);
            // Twilio's own message may quote the citizen's number; without a code it is the transport's (no number)
            LOG.infof("outbound %d: Twilio error code=%s status=%s → %s%s", outboundId, e.getCode(),
                    e.getStatusCode(), result.outcome(), e.getCode() == null ? " (" + e.getMessage() + ")" : "");
            return result;
        } catch (TwilioException e) {
            LOG.infof("outbound %d: Twilio client error %s, will retry", outboundId, e.getMessage());
            return SendResult.retry(null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }

    /** How far Twilio's clock may be behind ours when matching an interrupted send by its creation time. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    /**
     * Asks Twilio for the messages it holds to {@code to}, newest first, one page of 50 ({@code GET
     * {api-url}/2010-04-01/Accounts/{AccountSid}/Messages.json?To=…&PageSize=50},
     * https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources), and keeps our
     * outbound ones with exactly {@code body} created after {@code sendBegan} (less {@link #CLOCK_SKEW}). Blocking.
     *
     * @param to        the recipient as sent ({@code +E164} or {@code whatsapp:+E164})
     * @param body      the text as sent
     * @param sendBegan when our interrupted send began
     * @return found (oldest first), not found, or unknown when Twilio could not be asked or lists a message with
     *         {@code body} whose creation date it gave in a form the SDK could not read (it may be this send)
     */
    public SendReconciliation find(long outboundId, String to, String body, Instant sendBegan) {
        try {
            List<Message> page = Message.reader().setTo(to).setPageSize(50L).firstPage(client).getRecords();
            Instant after = sendBegan.minus(CLOCK_SKEW);
            List<Message> withOurText = page.stream()
                    .filter(m -> m.getDirection() == null || m.getDirection().toString().startsWith("outbound"))
                    .filter(m -> body.equals(m.getBody()))
                    .toList();
            List<SendReconciliation.Candidate> ours = withOurText.stream()
                    .filter(m -> m.getDateCreated() != null && !m.getDateCreated().toInstant().isBefore(after))
                    .sorted(Comparator.comparing(m -> m.getDateCreated().toInstant()))
                    .map(m -> new SendReconciliation.Candidate(m.getSid(), status(m)))
                    .toList();
            if (!ours.isEmpty()) {
                return new SendReconciliation.Found(ours);
            }
            // our text without a date we can read may be this very send: sending again could double it
            return withOurText.stream().anyMatch(m -> m.getDateCreated() == null)
                    ? new SendReconciliation.Unknown("Twilio lists a message with its text without a readable date")
                    : new SendReconciliation.NotFound();
        } catch (TwilioException e) {
            LOG.infof("outbound %d: Twilio could not be asked for the interrupted send: %s", outboundId,
                    e.getClass().getSimpleName());
            return new SendReconciliation.Unknown("Twilio could not be asked (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static DeliveryStatus status(Message sent) {
        if (sent.getStatus() == null) {
            return DeliveryStatus.QUEUED;
        }
        try {
            return DeliveryStatus.fromProvider(sent.getStatus().toString());
        } catch (IllegalArgumentException e) {
            return DeliveryStatus.QUEUED;
        }
    }
}
