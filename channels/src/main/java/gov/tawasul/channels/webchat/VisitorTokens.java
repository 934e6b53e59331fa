package gov.tawasul.channels.webchat;

import gov.tawasul.channels.common.HmacSha256;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Anonymous visitor identities of the web chat, signed so that nobody can speak or read as another visitor by
 * guessing an id. A visitor id is 128 random bits, base64url (22 characters). Its token is
 * {@code v1.<visitor id>.<signature>}, the signature being the base64url HMAC-SHA256 of {@code "visitor:" + id}
 * under {@code tawasul.webchat.secret}. The ids of our messages to a visitor, which its browser acknowledges, are
 * {@code <outbound id>.<signature>} (HMAC of {@code "message:" + visitor + ":" + outbound id}, 16 characters): a
 * visitor can acknowledge only its own messages. Pure apart from the key.
 */
@ApplicationScoped
public class VisitorTokens {

    private static final Logger LOG = Logger.getLogger(VisitorTokens.class);
    /** Shortest accepted secret. */
    static final int MIN_SECRET = 32;
    private static final Pattern VISITOR = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String secret;
    private final boolean configured;
    private final SecureRandom random = new SecureRandom();

    @Inject
    VisitorTokens(WebchatConfig config) {
        this(config.secret().orElse(null));
    }

    /** @param secret the key, or null for a random one */
    VisitorTokens(String secret) {
        this.configured = secret != null && !secret.isBlank();
        if (configured && secret.length() < MIN_SECRET) {
            throw new IllegalStateException("tawasul.webchat.secret (TAWASUL_WEBCHAT_SECRET) must have at least "
                    + MIN_SECRET + " characters");
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.secret = configured ? secret : B64.encodeToString(key);
    }

    void warnWhenRandom(@Observes StartupEvent event) {
        if (!configured) {
            LOG.warn("tawasul.webchat.secret (TAWASUL_WEBCHAT_SECRET) is not set: web chat visitors are signed with a"
                    + " random key of this process (they get a new identity after a restart; set the same key on"
                    + " every instance)");
        }
    }

    /** @return a new visitor id */
    public String newVisitor() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return B64.encodeToString(id);
    }

    /** @return the token of {@code visitor}: {@code v1.<visitor>.<signature>} */
    public String token(String visitor) {
        return "v1." + visitor + "." + sign("visitor:" + visitor, 43);
    }

    /** @return the visitor a well-formed, rightly signed token names; empty for anything else */
    public Optional<String> visitorOf(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !"v1".equals(parts[0]) || !VISITOR.matcher(parts[1]).matches()) {
            return Optional.empty();
        }
        return equal(sign("visitor:" + parts[1], 43), parts[2]) ? Optional.of(parts[1]) : Optional.empty();
    }

    /** @return the id of our message {@code outboundId} as the visitor's browser sees and acknowledges it */
    public String messageId(String visitor, long outboundId) {
        return outboundId + "." + sign("message:" + visitor + ":" + outboundId, 16);
    }

    /** @return whether {@code messageId} is the id of one of our messages to {@code visitor} */
    public boolean isMessageOf(String visitor, String messageId) {
        if (messageId == null || messageId.length() > 40) {
            return false;
        }
        int dot = messageId.indexOf('.');
        if (dot < 1) {
            return false;
        }
        try {
            long id = Long.parseLong(messageId.substring(0, dot));
            return id > 0 && equal(messageId(visitor, id), messageId);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String sign(String data, int length) {
        byte[] mac = HmacSha256.mac(secret, data.getBytes(StandardCharsets.UTF_8));
        return B64.encodeToString(Arrays.copyOf(mac, 32)).substring(0, length);
    }

    private static boolean equal(String expected, String received) {
        return HmacSha256.matches(expected, received);
    }
}
