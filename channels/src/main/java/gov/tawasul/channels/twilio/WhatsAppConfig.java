package gov.tawasul.channels.twilio;

import io.smallrye.config.ConfigMapping;

import java.util.Map;
import java.util.Optional;

/**
 * Settings of the WhatsApp channel through Twilio ({@code tawasul.whatsapp.*}). WhatsApp shares Twilio's account,
 * credentials, API root and webhooks ({@link TwilioConfig}, {@code /webhooks/twilio/sms} and {@code …/status}).
 * The channel is off until {@link #from()} is set: WhatsApp messages reaching the Twilio webhook are then
 * acknowledged and not stored, as before.
 * Sources: https://www.twilio.com/docs/whatsapp/api (addresses {@code whatsapp:+E164}),
 * https://www.twilio.com/docs/content/send-templates-created-with-the-content-template-builder ({@code ContentSid},
 * {@code ContentVariables}).
 */
@ConfigMapping(prefix = "tawasul.whatsapp")
public interface WhatsAppConfig {

    /**
     * The agency's WhatsApp sender: its number in E.164 ({@code +15555550199}, a {@code whatsapp:} prefix is
     * accepted) or a Messaging Service SID ({@code MG} + 32 hex) whose sender pool holds the WhatsApp sender. Unset:
     * the channel is off. A reply leaves from the number the citizen wrote to ({@code From=whatsapp:+…}), or through
     * the Messaging Service when this is one.
     */
    Optional<String> from();

    /**
     * Approved message templates for messages outside the 24-hour customer-service window, by name and locale:
     * {@code tawasul.whatsapp.templates.<name>.<locale>=HX…} (the Content SID, {@code HX} + 32 hex, of a template with
     * one variable {@code {{1}}} that receives the message's text). Names are the senders' origins in lower case:
     * {@code notification} (case-status updates), {@code agent} (a staff member's late answer), {@code system}
     * (hand-back and time-out notices), {@code bot}. A message outside the window without a template of its name
     * and locale is refused ({@code OUTSIDE_WINDOW}).
     */
    Map<String, Map<String, String>> templates();

    /** @return the sender as an E.164 number or {@code MG…} SID, without a {@code whatsapp:} prefix, when set */
    default Optional<String> sender() {
        return from().map(String::strip).map(WhatsAppAddresses::bare).filter(s -> !s.isEmpty());
    }

    /** @return true when the channel is on ({@link #from()} set) */
    default boolean enabled() {
        return sender().isPresent();
    }
}
