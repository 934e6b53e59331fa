package gov.tawasul.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The public base URL the providers call ({@code tawasul.public-url}, scheme + host [+ port], e.g.
 * {@code https://bot.example.gov}): the one place it is read. Webhook signatures are checked against it, never
 * against the Host header (the bot runs behind a TLS-terminating proxy), and callback URLs are built from it.
 */
@ApplicationScoped
public class PublicUrl {

    private final String base;

    @Inject
    PublicUrl(@ConfigProperty(name = "tawasul.public-url") String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** @return a public URL of {@code base} for tests and tools (a trailing slash is dropped) */
    public static PublicUrl of(String base) {
        return new PublicUrl(base);
    }

    /** @return the base URL without a trailing slash */
    public String base() {
        return base;
    }

    /**
     * The URL a provider called: base + the raw request path + {@code ?} + the raw query string, byte for byte as
     * received (still percent-encoded, in its order).
     *
     * @param path     the raw request path, e.g. {@code /webhooks/twilio/status}
     * @param rawQuery the raw query string without {@code ?}, or null/empty
     */
    public String resolve(String path, String rawQuery) {
        return base + path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }
}
