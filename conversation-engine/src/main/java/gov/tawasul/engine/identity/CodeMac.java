package gov.tawasul.engine.identity;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.store.DeploymentKeys;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Makes one-time codes and their keyed hashes: six digits from {@link SecureRandom}; HMAC-SHA256 over
 * {@code <case number>\n<channel>:<canonical address>\n<code>}, so that a stored hash is bound to the case and the
 * requesting address and tells nothing without the key. The key is {@code tawasul.identity.code-secret} when set,
 * else the deployment's own random {@code identity-code} key in PostgreSQL ({@link DeploymentKeys}): the same on every
 * instance, so a code sent by one instance is checked by another, and never in Redis beside the hashes. Compared in
 * constant time.
 */
@ApplicationScoped
public class CodeMac {

    /** The {@link DeploymentKeys} name of the key used when no secret is configured. */
    static final String KEY_NAME = "identity-code";

    private final SecureRandom random = new SecureRandom();
    private final byte[] configured;
    private final DeploymentKeys keys;

    @Inject
    CodeMac(IdentityConfig config, DeploymentKeys keys) {
        this.configured = config.codeSecret().filter(s -> !s.isBlank())
                .map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
        this.keys = keys;
    }

    /** @return a new code: six decimal digits, leading zeros kept */
    public String newCode() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    /**
     * @return the hex HMAC of the code bound to the case and the requester; fails when the deployment key cannot be
     *         read (database down), never with a weaker key
     */
    public Uni<String> mac(String caseNumber, Address requester, String code) {
        Uni<byte[]> key = configured != null ? Uni.createFrom().item(configured) : keys.key(KEY_NAME);
        return key.map(k -> hmac(k, caseNumber + "\n" + requester.channel().name() + ":"
                + SenderKey.canonical(requester) + "\n" + code));
    }

    private static String hmac(byte[] key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
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
