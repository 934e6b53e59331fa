package gov.tawasul.staff.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Checks {@code tawasul.staff.session-key} at start-up: when set, at least {@value #MIN_LENGTH} characters (else
 * start-up fails); when unset, one warning (without the temporary key Quarkus then uses: Quarkus' own warning,
 * which prints it, is silenced in application.properties).
 */
@ApplicationScoped
public class SessionKeyCheck {

    private static final Logger LOG = Logger.getLogger(SessionKeyCheck.class);
    /** Shortest session key accepted. */
    public static final int MIN_LENGTH = 32;

    void check(@Observes StartupEvent event,
               @ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> key) {
        if (key.isEmpty()) {
            LOG.warn("tawasul.staff.session-key (TAWASUL_SESSION_KEY) is not set: console sessions use a random key"
                    + " of this process, end when it restarts and are not shared with other instances");
        } else if (key.get().length() < MIN_LENGTH) {
            throw new IllegalStateException("tawasul.staff.session-key (TAWASUL_SESSION_KEY) must have at least "
                    + MIN_LENGTH + " characters (e.g. the output of `openssl rand -base64 32`)");
        }
    }
}
