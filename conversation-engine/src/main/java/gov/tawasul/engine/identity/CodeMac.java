package gov.tawasul.engine.identity;

import gov.tawasul.engine.model.Address;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Makes one-time codes and their keyed hashes: six digits from {@link SecureRandom}; HMAC-SHA256 under
 * {@code tawasul.identity.code-secret} over {@code <case number>\n<channel>:<canonical address>\n<code>}, so that a
 * stored hash is bound to the case and the requesting address and tells nothing without the key. Compared in constant
 * time.
 */
@ApplicationScoped
public class CodeMac {

    private static final Logger LOG = Logger.getLogger(CodeMac.class);

    private final SecureRandom random = new SecureRandom();
    private final byte[] key;
    private final boolean configured;

    @Inject
    CodeMac(IdentityConfig config) {
        this.configured = config.codeSecret().filter(s -> !s.isBlank()).isPresent();
        if (configured) {
            this.key = config.codeSecret().get().getBytes(StandardCharsets.UTF_8);
        } else {
            this.key = new byte[32];
            random.nextBytes(key);
        }
    }

    void warnWithoutSecret(@Observes StartupEvent event) {
        if (!configured) {
            LOG.warn("tawasul.identity.code-secret (TAWASUL_IDENTITY_CODE_SECRET) is not set: one-time codes use a "
                    + "random key of this process; with several instances set the same secret on each");
        }
    }

    /** @return a new code: six decimal digits, leading zeros kept */
    public String newCode() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    /** @return the hex HMAC of the code bound to the case and the requester */
    public String mac(String caseNumber, Address requester, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String input = caseNumber + "\n" + requester.channel().name() + ":" + SenderKey.canonical(requester)
                    + "\n" + code;
            return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return whether two hex hashes are equal, in constant time */
    public static boolean same(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
