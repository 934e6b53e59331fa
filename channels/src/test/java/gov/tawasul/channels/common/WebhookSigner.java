package gov.tawasul.channels.common;

/**
 * How a provider signs a webhook request, written in the channel's own test package independently of the
 * production verifier: Twilio signs the URL and the sorted form parameters (HMAC-SHA1), Meta and X sign the raw body
 * bytes (HMAC-SHA256, hex for Meta, base64 for X) and ignore the URL.
 */
@FunctionalInterface
public interface WebhookSigner {

    /**
     * @param secret the shared secret (Twilio auth token, Meta app secret, X consumer secret)
     * @param url    the full URL the provider called, as it signs it (public base URL + path + query)
     * @param body   the body bytes exactly as sent
     * @return the value of the channel's signature header
     */
    String sign(String secret, String url, byte[] body);
}
