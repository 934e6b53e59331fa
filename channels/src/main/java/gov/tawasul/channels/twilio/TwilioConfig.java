package gov.tawasul.channels.twilio;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * Settings of the SMS channel through Twilio ({@code tawasul.twilio.*}). The public base URL that Twilio calls
 * is {@code tawasul.public-url} (shared by all channels).
 * Twilio Messages API: https://www.twilio.com/docs/messaging/api/message-resource
 */
@ConfigMapping(prefix = "tawasul.twilio")
public interface TwilioConfig {

    /**
     * Account SID ({@code AC} + 32 hex), the user name of the API's basic authentication. Unset (no default is
     * shipped): the SMS channel is off ({@link TwilioSwitch}).
     */
    Optional<String> accountSid();

    /**
     * The account's primary Auth Token: the password of the API and the HMAC-SHA1 key of
     * {@code X-Twilio-Signature} (https://www.twilio.com/docs/usage/webhooks/webhooks-security), 32 hex. Unset: the
     * SMS channel is off.
     */
    Optional<String> authToken();

    /**
     * Sender of replies: an E.164 number ({@code +15555550199}) or a Messaging Service SID ({@code MG} + 32 hex,
     * sent as {@code MessagingServiceSid}). Empty: reply from the number the citizen wrote to.
     */
    Optional<String> from();

    /**
     * Root of Twilio's REST API (scheme, host, optional port; no trailing slash). Every request the SDK builds for
     * {@code https://api.twilio.com} is sent here instead, so that tests and staging can point it at a stand-in.
     */
    @WithDefault("https://api.twilio.com")
    String apiUrl();

    /**
     * Most HTTP connections kept open to the API root (all to one host, so also per route). Each send holds one for
     * the API's answer time (about 80–150 ms from the region), so this bounds the sends in flight: 200 connections
     * at 100 ms carry up to 2,000 messages/s. A send that finds none free waits for one.
     */
    @WithDefault("200")
    int maxConnections();

    /** @return true when {@code from} is a Messaging Service SID ({@code MG…}) rather than a phone number */
    static boolean isMessagingService(String from) {
        return from != null && from.startsWith("MG");
    }
}
