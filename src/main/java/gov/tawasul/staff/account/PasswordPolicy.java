package gov.tawasul.staff.account;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * What a password must be, and how it is hashed (bcrypt through Elytron's {@link BcryptUtil}; no crypto of our
 * own). bcrypt reads at most 72 bytes, so longer passwords are refused rather than silently cut.
 */
@ApplicationScoped
public class PasswordPolicy {

    /** Longest password, in UTF-8 bytes (bcrypt's limit). */
    public static final int MAX_BYTES = 72;

    private final AccountsConfig.Passwords config;

    PasswordPolicy(AccountsConfig.Passwords config) {
        this.config = config;
        if (config.bcryptCost() < 4 || config.bcryptCost() > 31) {
            throw new IllegalStateException("tawasul.staff.password.bcrypt-cost must be 4 to 31, not "
                    + config.bcryptCost());
        }
    }

    /** @return the shortest password accepted, in characters */
    public int minLength() {
        return config.minLength();
    }

    /** @return why {@code password} is not acceptable for {@code username} (English), or empty when it is */
    public Optional<String> problem(String password, String username) {
        if (password == null || password.codePointCount(0, password.length()) < config.minLength()) {
            return Optional.of("must have at least " + config.minLength() + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("must have at most " + MAX_BYTES + " bytes in UTF-8");
        }
        if (password.isBlank()) {
            return Optional.of("must not be only spaces");
        }
        if (username != null && password.strip().toLowerCase(Locale.ROOT).equals(username)) {
            return Optional.of("must not be the username");
        }
        return Optional.empty();
    }

    /** @return the bcrypt hash of {@code password}; CPU-heavy (tens to hundreds of ms): call on a worker thread */
    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, config.bcryptCost());
    }
}
