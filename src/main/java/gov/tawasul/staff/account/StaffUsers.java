package gov.tawasul.staff.account;

import gov.tawasul.engine.store.Db;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * The store of table {@code staff_user} (the only class that writes it). Usernames passed in are already
 * normalized ({@link Usernames#normalize}). Must be called on a Vert.x context.
 */
@ApplicationScoped
public class StaffUsers {

    private static final String COLUMNS = "id, username, display_name, role, enabled, locale, password_hash, "
            + "created_at, updated_at";
    private static final String FIND = "select " + COLUMNS + " from staff_user where username = $1";
    private static final String LIST = "select " + COLUMNS + " from staff_user order by username";
    private static final String ANY = "select exists (select 1 from staff_user) as any";
    private static final String INSERT = """
            insert into staff_user (username, display_name, role, password_hash, locale)
            values ($1, $2, $3, $4, $5) on conflict (username) do nothing returning\s""" + COLUMNS;
    /**
     * The first account: only while the table is empty, and at most one bootstrap row (unique index
     * {@code staff_user_one_bootstrap}), so that instances starting together create it once.
     */
    private static final String INSERT_BOOTSTRAP = """
            insert into staff_user (username, display_name, role, password_hash, bootstrap)
            select $1, $2, 'ADMIN', $3, true where not exists (select 1 from staff_user)
            on conflict do nothing returning\s""" + COLUMNS;
    /**
     * Changes the given fields (null = unchanged) unless that would leave no enabled ADMIN: the enabled admins are
     * locked first (in id order, so two such changes wait for each other instead of both passing the check).
     * One row when the account exists: {@code allowed} false when refused, else the old and new values.
     */
    private static final String CHANGE = """
            with admins as (
                select id from staff_user where role = 'ADMIN' and enabled order by id for update),
            old as (
                select id, role, enabled, display_name, locale, password_hash is not null as has_password
                from staff_user where username = $1),
            allowed as (
                select old.id, not (old.role = 'ADMIN' and old.enabled)
                       or (coalesce($3, old.role) = 'ADMIN' and coalesce($4, old.enabled))
                       or exists (select 1 from admins a where a.id <> old.id) as ok from old),
            changed as (
                update staff_user u set display_name = coalesce($2, u.display_name), role = coalesce($3, u.role),
                       enabled = coalesce($4, u.enabled), locale = coalesce($5, u.locale),
                       password_hash = coalesce($6, u.password_hash), updated_at = now()
                from allowed where u.id = allowed.id and allowed.ok
                returning u.*)
            select allowed.ok as allowed, old.role as old_role, old.enabled as old_enabled,
                   old.display_name as old_display_name, old.locale as old_locale, old.has_password as old_has_password,
                   changed.id, changed.username, changed.display_name, changed.role, changed.enabled, changed.locale,
                   changed.password_hash, changed.created_at, changed.updated_at
            from old join allowed on allowed.id = old.id left join changed on changed.id = old.id""";
    private static final String SET_LOCALE = """
            update staff_user set locale = $2, updated_at = now() where username = $1 and locale <> $2""";

    private final Db db;

    StaffUsers(Db db) {
        this.db = db;
    }

    /** @return the account of that username, or empty */
    public Uni<Optional<StaffAccount>> find(String username) {
        return db.first(FIND, StaffUsers::account, username);
    }

    /** @return every account, by username */
    public Uni<List<StaffAccount>> list() {
        return db.list(LIST, StaffUsers::account);
    }

    /** @return whether any account exists */
    public Uni<Boolean> any() {
        return db.first(ANY, row -> row.getBoolean("any")).map(o -> o.orElse(false));
    }

    /** @return the new account, or empty when the username is taken */
    public Uni<Optional<StaffAccount>> insert(String username, String displayName, StaffRole role,
                                              String passwordHash, String locale) {
        return db.first(INSERT, StaffUsers::account, username, displayName, role.name(), passwordHash, locale);
    }

    /** @return the bootstrap ADMIN when this call created it; empty when any account existed (or another won) */
    public Uni<Optional<StaffAccount>> insertBootstrapAdmin(String username, String displayName, String passwordHash) {
        return db.first(INSERT_BOOTSTRAP, StaffUsers::account, username, displayName, passwordHash);
    }

    /**
     * Changes an account; null arguments leave their field as it is.
     *
     * @return empty when there is no such account; else the outcome (refused when it would leave no enabled ADMIN)
     */
    public Uni<Optional<Change>> change(String username, String displayName, StaffRole role, Boolean enabled,
                                        String locale, String passwordHash) {
        return db.first(CHANGE, StaffUsers::change, username, displayName, role == null ? null : role.name(),
                enabled, locale, passwordHash);
    }

    /** @return whether the locale changed (false: no such account, or it was already that locale) */
    public Uni<Boolean> setLocale(String username, String locale) {
        return db.update(SET_LOCALE, username, locale).map(n -> n > 0);
    }

    /**
     * The outcome of {@link #change}.
     *
     * @param allowed        false when refused because no enabled ADMIN would be left
     * @param before         role, enabled, display name, locale and whether a password was set, before
     * @param after          the account after the change, or null when refused
     */
    public record Change(boolean allowed, Before before, StaffAccount after) {
    }

    /** The fields of an account before a {@link Change}. */
    public record Before(StaffRole role, boolean enabled, String displayName, String locale, boolean hadPassword) {
    }

    private static Change change(Row row) {
        Before before = new Before(StaffRole.valueOf(row.getString("old_role")), row.getBoolean("old_enabled"),
                row.getString("old_display_name"), row.getString("old_locale"), row.getBoolean("old_has_password"));
        boolean allowed = row.getBoolean("allowed");
        return new Change(allowed, before, allowed ? account(row) : null);
    }

    private static StaffAccount account(Row row) {
        StaffMember member = new StaffMember(row.getLong("id"), row.getString("username"),
                row.getString("display_name"), StaffRole.valueOf(row.getString("role")), row.getBoolean("enabled"),
                row.getString("locale"));
        return new StaffAccount(member, row.getString("password_hash"),
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant());
    }
}
