package gov.tawasul.channels.common;

import io.restassured.RestAssured;

/**
 * How a row's request is signed, i.e. the value of the channel's signature header (or its absence):
 * <ul>
 *   <li>{@link #recorded}: a value the provider itself produced, recorded with a fixture (or a capture); the
 *       strongest check that the app verifies what the provider really sends;</li>
 *   <li>{@link #now()}: signed while the test runs with the channel's {@link WebhookSigner} and the secret the test
 *       app is configured with, for the public URL of the request (the request of a changed fixture);</li>
 *   <li>{@link #forUrl}: signed now, but for another URL than the one posted to (a wrong path or query, the internal
 *       URL the test server sees: {@link #forTestServerUrl()});</li>
 *   <li>{@link #withSecret}: signed now, for the right URL, with another secret;</li>
 *   <li>{@link #forged}: a literal value not made from this request;</li>
 *   <li>{@link #unsigned()}: no signature header.</li>
 * </ul>
 */
public sealed interface Signing {

    /**
     * @return the header value for this request on this channel, or null to send no header
     */
    String headerValue(WebhookChannel channel, WebhookRequest request);

    static Signing recorded(String value) {
        return new Recorded(value);
    }

    static Signing now() {
        return new Now();
    }

    /** @param pathOrUrl a path and query under the public URL, or an absolute URL */
    static Signing forUrl(String pathOrUrl) {
        return new ForUrl(pathOrUrl);
    }

    /** Signed for {@code http://localhost:<test port>} + path: what the server sees, not what the provider calls. */
    static Signing forTestServerUrl() {
        return new ForTestServerUrl();
    }

    static Signing withSecret(String secret) {
        return new WithSecret(secret);
    }

    static Signing forged(String value) {
        return new Forged(value);
    }

    static Signing unsigned() {
        return new Unsigned();
    }

    /** The provider's own signature, as recorded. */
    record Recorded(String value) implements Signing {
        @Override
        public String headerValue(WebhookChannel channel, WebhookRequest request) {
            return value;
        }
    }

    /** Signed now with the test secret for the request's public URL. */
    record Now() implements Signing {
        @Override
        public String headerValue(WebhookChannel channel, WebhookRequest request) {
            return channel.signer().sign(channel.secret(), channel.publicUrlOf(request.pathAndQuery()), request.body());
        }
    }

    /** Signed now with the test secret for another URL. */
    record ForUrl(String pathOrUrl) implements Signing {
        @Override
        public String headerValue(WebhookChannel channel, WebhookRequest request) {
            String url = pathOrUrl.startsWith("/") ? channel.publicUrlOf(pathOrUrl) : pathOrUrl;
            return channel.signer().sign(channel.secret(), url, request.body());
        }
    }

    /** Signed now with the test secret for the URL of the test server itself. */
    record ForTestServerUrl() implements Signing {
        @Override
        public String headerValue(WebhookChannel channel, WebhookRequest request) {
            return channel.signer().sign(channel.secret(),
                    "http://localhost:" + RestAssured.port + request.pathAndQuery(), request.body());
        }
    }

    /** Signed now for the request's public URL, with another secret than the app's. */
    record WithSecret(String secret) implements Signing {
        @Override
        public String headerValue(WebhookChannel channel, WebhookRequest request) {
            return channel.signer().sign(secret, channel.publicUrlOf(request.pathAndQuery()), request.body());
        }
    }

    /** A literal header value. */
    record Forged(String value) implements Signing {
        @Override
        public String headerValue(WebhookChannel channel, WebhookRequest request) {
            return value;
        }
    }

    /** No signature header. */
    record Unsigned() implements Signing {
        @Override
        public String headerValue(WebhookChannel channel, WebhookRequest request) {
            return null;
        }
    }
}
