package gov.tawasul.staff.security;

import gov.tawasul.staff.account.PasswordPolicy;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A bcrypt hash of a random password at the configured cost, checked when a username has no password hash (unknown
 * username, single-sign-on-only account), so that those attempts cost as much time as a real check.
 */
@ApplicationScoped
public class DummyHash {

    private final PasswordPolicy passwords;
    private volatile String hash;

    DummyHash(PasswordPolicy passwords) {
        this.passwords = passwords;
    }

    /** @return the dummy hash (made on first use; call on a worker thread) */
    public String hash() {
        String h = hash;
        if (h == null) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            h = hash = passwords.hash(Base64.getEncoder().encodeToString(random));
        }
        return h;
    }
}
