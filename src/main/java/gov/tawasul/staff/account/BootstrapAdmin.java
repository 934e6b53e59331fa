package gov.tawasul.staff.account;

import gov.tawasul.staff.audit.AuditAction;
import gov.tawasul.staff.audit.AuditLog;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * On a start with no staff account at all, creates the first ADMIN from {@code tawasul.staff.bootstrap-admin.*}.
 * Without a configured password, a random one is generated and printed once to the console (standard output, not
 * the log):
 * <pre>Console admin account created: admin / &lt;password&gt; — change it after first login</pre>
 * Instances starting together create it once (the insert only happens into an empty table, and at most one
 * bootstrap row can exist); the one that created it prints it.
 */
@ApplicationScoped
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);
    /** Length of a generated password. */
    static final int GENERATED_LENGTH = 20;
    /** Letters and digits that cannot be mistaken for each other (no 0/O, 1/l/I). */
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StaffUsers users;
    private final PasswordPolicy passwords;
    private final AuditLog audit;
    private final AccountsConfig.BootstrapAdmin config;

    BootstrapAdmin(StaffUsers users, PasswordPolicy passwords, AuditLog audit, AccountsConfig.BootstrapAdmin config) {
        this.users = users;
        this.passwords = passwords;
        this.audit = audit;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        createIfNoStaff(System.out);
    }

    /**
     * Creates the bootstrap admin when there is no staff account. Blocks (start-up thread).
     *
     * @param console where a generated password is printed
     * @return the account when this call created it
     * @throws IllegalStateException when the configured username or password is not acceptable
     */
    public Optional<StaffMember> createIfNoStaff(PrintStream console) {
        Duration timeout = Duration.ofSeconds(30);
        if (users.any().await().atMost(timeout)) {
            return Optional.empty();
        }
        String username = Usernames.normalize(config.username());
        if (!Usernames.isValid(username)) {
            throw new IllegalStateException("tawasul.staff.bootstrap-admin.username (TAWASUL_ADMIN_USER) '"
                    + config.username() + "' is not a valid username (2 to 64 of a-z 0-9 . _ @ -)");
        }
        boolean generated = config.password().filter(p -> !p.isEmpty()).isEmpty();
        String password = generated ? generate() : config.password().get();
        passwords.problem(password, username).ifPresent(problem -> {
            throw new IllegalStateException("tawasul.staff.bootstrap-admin.password (TAWASUL_ADMIN_PASSWORD) "
                    + problem);
        });
        Optional<StaffAccount> created = users.insertBootstrapAdmin(username, "Administrator", passwords.hash(password))
                .await().atMost(timeout);
        if (created.isEmpty()) {
            return Optional.empty();
        }
        audit.record(AuditLog.SYSTEM, AuditAction.USER_CREATED, StaffDirectory.TARGET, username,
                Map.of("role", StaffRole.ADMIN.name(), "bootstrap", true, "generatedPassword", generated), null)
                .await().atMost(timeout);
        if (generated) {
            console.println("Console admin account created: " + username + " / " + password
                    + " — change it after first login");
            console.flush();
        } else {
            LOG.infof("Console admin account created: %s (password from tawasul.staff.bootstrap-admin.password)",
                    username);
        }
        return Optional.of(created.get().member());
    }

    /** @return a random password of {@value #GENERATED_LENGTH} characters (about 116 bits) */
    static String generate() {
        StringBuilder password = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
