package gov.tawasul.channels.common;

import java.util.Objects;

/**
 * What the {@link WebhookHarness} needs to know about one channel's webhooks.
 *
 * @param name            the channel as stored in the tables' {@code channel} column ({@code SMS}, {@code FACEBOOK},
 *                        {@code TWITTER}); the harness cleans and reads only this channel's rows
 * @param publicUrl       the public base URL the app is configured with ({@code tawasul.public-url}); a request's
 *                        signed URL is this + its path and query
 * @param signatureHeader the header carrying the signature ({@code X-Twilio-Signature}, {@code X-Hub-Signature-256},
 *                        {@code x-twitter-webhooks-signature})
 * @param secret          the secret the test app is configured with, used by {@link Signing#now()}
 * @param signer          the provider's signing, from the channel's test package
 * @param api             the WireMock provider API the app sends replies to
 */
public record WebhookChannel(String name, String publicUrl, String signatureHeader, String secret,
                             WebhookSigner signer, ProviderApi api) {

    public WebhookChannel {
        Objects.requireNonNull(name);
        Objects.requireNonNull(publicUrl);
        Objects.requireNonNull(signatureHeader);
        Objects.requireNonNull(secret);
        Objects.requireNonNull(signer);
        Objects.requireNonNull(api);
    }

    /** @return the URL the provider signs for a request to {@code pathAndQuery} */
    public String publicUrlOf(String pathAndQuery) {
        return publicUrl + pathAndQuery;
    }
}
