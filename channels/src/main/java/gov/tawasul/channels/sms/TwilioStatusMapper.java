package gov.tawasul.channels.sms;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryReceipt;
import gov.tawasul.engine.model.DeliveryStatus;
import jakarta.ws.rs.BadRequestException;

import java.time.Instant;

/**
 * Maps a Twilio status callback (https://www.twilio.com/docs/messaging/guides/track-outbound-message-status:
 * {@code MessageSid}, {@code MessageStatus}, optional {@code ErrorCode}) to a {@link DeliveryReceipt}.
 * The error code is kept exactly as it came, also when this class does not know it (field case F08).
 */
public final class TwilioStatusMapper {

    private TwilioStatusMapper() {
    }

    /**
     * @param receivedAt the receive time, used as {@code occurredAt} ({@code RawDlrDoneDate} has no time zone)
     * @throws BadRequestException (400) when {@code MessageSid} or {@code MessageStatus} is missing, or the status
     *                             is not an outbound status ({@code queued}, {@code sending}, {@code sent},
     *                             {@code delivered}, {@code undelivered}, {@code failed}, {@code read},
     *                             {@code accepted}, {@code scheduled}, {@code canceled})
     */
    public static DeliveryReceipt toReceipt(FormParams params, Instant receivedAt) {
        String sid = TwilioInboundMapper.required(params, "MessageSid");
        String statusName = TwilioInboundMapper.required(params, "MessageStatus");
        DeliveryStatus status;
        try {
            status = DeliveryStatus.fromProvider(statusName);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Unknown MessageStatus: " + statusName);
        }
        String code = params.nonBlank("ErrorCode");
        code = code == null ? null : code.strip();
        return new DeliveryReceipt(Channel.SMS, sid, status, code, TwilioErrorCodes.reason(code), receivedAt);
    }
}
