package gov.tawasul.staff.account;

import gov.tawasul.engine.EngineContext;
import gov.tawasul.staff.audit.AuditAction;
import gov.tawasul.staff.audit.AuditLog;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.NotFoundException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The staff accounts: who they are ({@link #find}), and the administrators' changes, each validated and recorded in
 * the audit log ({@code USER_CREATED}, {@code USER_CHANGED} with what changed, never a password). Methods that hash
 * a password do so on a worker thread and must be called on a Vert.x context.
 */
@ApplicationScoped
public class StaffDirectory {

    /** Console languages. */
    public static final Set<String> LOCALES = Set.of("ar", "en");
    /** Longest display name, in characters. */
    public static final int MAX_DISPLAY_NAME = 128;
    /** {@code target_type} of account events in the audit log. */
    public static final String TARGET = "staff_user";

    private final StaffUsers users;
    private final PasswordPolicy passwords;
    private final AuditLog audit;
    private final EngineContext context;
    private final Event<PasswordChanged> passwordChanged;

    StaffDirectory(StaffUsers users, PasswordPolicy passwords, AuditLog audit, EngineContext context,
                   Event<PasswordChanged> passwordChanged) {
        this.users = users;
        this.passwords = passwords;
        this.audit = audit;
        this.context = context;
        this.passwordChanged = passwordChanged;
    }

    /**
     * @param username login name, any case
     * @return the member, or empty when there is no such account (disabled accounts are returned, with
     *         {@code enabled} false)
     */
    public Uni<Optional<StaffMember>> find(String username) {
        return users.find(Usernames.normalize(username)).map(a -> a.map(StaffAccount::member));
    }

    /** @return every account, by username (callers show {@link StaffAccount#hasPassword()}, never the hash) */
    public Uni<List<StaffAccount>> list() {
        return users.list();
    }

    /**
     * Creates an account and records {@code USER_CREATED}.
     *
     * @param actor   the administrator's username
     * @param request the new account
     * @return the account
     * @throws StaffValidationException (in the Uni) when fields are invalid
     * @throws StaffConflictException   (in the Uni) when the username is taken
     */
    public Uni<StaffMember> create(String actor, NewStaff request) {
        String username = Usernames.normalize(request.username());
        List<StaffValidationException.FieldError> errors = new ArrayList<>();
        if (!Usernames.isValid(username)) {
            errors.add(new StaffValidationException.FieldError("username",
                    "must be 2 to 64 characters of a-z, 0-9, '.', '_', '@', '-', starting with a letter or digit"));
        }
        String displayName = displayNameOf(request.displayName(), errors, true);
        StaffRole role = roleOf(request.role(), errors, true);
        String locale = localeOf(request.locale() == null ? "ar" : request.locale(), errors);
        passwords.problem(request.password(), username)
                .ifPresent(p -> errors.add(new StaffValidationException.FieldError("password", p)));
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(new StaffValidationException(errors));
        }
        return context.blocking(() -> passwords.hash(request.password()))
                .flatMap(hash -> users.insert(username, displayName, role, hash, locale))
                .flatMap(inserted -> {
                    if (inserted.isEmpty()) {
                        return Uni.createFrom().failure(
                                new StaffConflictException(StaffConflictException.Kind.USERNAME_TAKEN, "The username '" + username + "' is taken."));
                    }
                    StaffAccount account = inserted.get();
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("role", role.name());
                    detail.put("displayName", displayName);
                    detail.put("locale", locale);
                    return audit.record(actor, AuditAction.USER_CREATED, TARGET, username, detail)
                            .replaceWith(account.member());
                });
    }

    /**
     * Changes an account and records {@code USER_CHANGED} with each changed field ({@code from}, {@code to}; a new
     * password only as {@code "password": "reset"}). Nothing is recorded when nothing changed.
     *
     * @param actor    the administrator's username
     * @param username the account, any case
     * @param change   what to change (null fields stay)
     * @return the account after the change
     * @throws StaffValidationException (in the Uni) when fields are invalid
     * @throws NotFoundException        (in the Uni) when there is no such account
     * @throws StaffConflictException   (in the Uni) when the change would leave no enabled ADMIN
     */
    public Uni<StaffMember> change(String actor, String username, StaffChange change) {
        String name = Usernames.normalize(username);
        List<StaffValidationException.FieldError> errors = new ArrayList<>();
        String displayName = change.displayName() == null ? null : displayNameOf(change.displayName(), errors, false);
        StaffRole role = change.role() == null ? null : roleOf(change.role(), errors, false);
        String locale = change.locale() == null ? null : localeOf(change.locale(), errors);
        if (change.password() != null) {
            passwords.problem(change.password(), name)
                    .ifPresent(p -> errors.add(new StaffValidationException.FieldError("password", p)));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(new StaffValidationException(errors));
        }
        Uni<String> hash = change.password() == null ? Uni.createFrom().nullItem()
                : context.blocking(() -> passwords.hash(change.password()));
        return hash.flatMap(h -> users.change(name, displayName, role, change.enabled(), locale, h))
                .flatMap(outcome -> {
                    if (outcome.isEmpty()) {
                        return Uni.createFrom().failure(new NotFoundException("No staff account '" + name + "'."));
                    }
                    StaffUsers.Change done = outcome.get();
                    if (!done.allowed()) {
                        return Uni.createFrom().failure(new StaffConflictException(
                                StaffConflictException.Kind.LAST_ADMIN, "This change would leave no enabled ADMIN account."));
                    }
                    StaffMember after = done.after().member();
                    Map<String, Object> detail = changes(done.before(), after, change.password() != null);
                    if (change.password() != null) {
                        passwordChanged.fire(new PasswordChanged(name));
                    }
                    return detail.isEmpty() ? Uni.createFrom().item(after)
                            : audit.record(actor, AuditAction.USER_CHANGED, TARGET, name, detail).replaceWith(after);
                });
    }

    /**
     * A staff member changes the language of their own console; recorded as {@code USER_CHANGED} by themselves.
     *
     * @param username the signed-in member
     * @param locale   {@code ar} or {@code en}
     * @return completes when stored
     * @throws StaffValidationException (in the Uni) for another locale
     */
    public Uni<Void> setOwnLocale(String username, String locale) {
        List<StaffValidationException.FieldError> errors = new ArrayList<>();
        String value = localeOf(locale, errors);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(new StaffValidationException(errors));
        }
        String name = Usernames.normalize(username);
        return users.setLocale(name, value).flatMap(changed -> changed
                ? audit.record(name, AuditAction.USER_CHANGED, TARGET, name,
                        Map.of("locale", Map.of("to", value)))
                : Uni.createFrom().voidItem());
    }

    private static Map<String, Object> changes(StaffUsers.Before before, StaffMember after, boolean passwordReset) {
        Map<String, Object> detail = new LinkedHashMap<>();
        put(detail, "role", before.role().name(), after.role().name());
        put(detail, "enabled", before.enabled(), after.enabled());
        put(detail, "displayName", before.displayName(), after.displayName());
        put(detail, "locale", before.locale(), after.locale());
        if (passwordReset) {
            detail.put("password", "reset");
        }
        return detail;
    }

    private static void put(Map<String, Object> detail, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("from", from);
            change.put("to", to);
            detail.put(field, change);
        }
    }

    private static String displayNameOf(String value, List<StaffValidationException.FieldError> errors,
                                             boolean required) {
        String name = value == null ? "" : value.strip();
        if (name.isEmpty() || name.length() > MAX_DISPLAY_NAME || name.chars().anyMatch(Character::isISOControl)) {
            errors.add(new StaffValidationException.FieldError("displayName",
                    (required ? "is required: " : "must be ") + "1 to " + MAX_DISPLAY_NAME
                            + " characters without control characters"));
        }
        return name;
    }

    private static StaffRole roleOf(String value, List<StaffValidationException.FieldError> errors,
                                    boolean required) {
        Optional<StaffRole> role = StaffRole.parse(value);
        if (role.isEmpty()) {
            errors.add(new StaffValidationException.FieldError("role",
                    (required ? "is required: " : "must be ") + "AGENT, SUPERVISOR or ADMIN"));
        }
        return role.orElse(null);
    }

    private static String localeOf(String value, List<StaffValidationException.FieldError> errors) {
        String locale = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT);
        if (!LOCALES.contains(locale)) {
            errors.add(new StaffValidationException.FieldError("locale", "must be ar or en"));
        }
        return locale;
    }
}
