package gov.tawasul.bench.probe;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The bench database seen from outside the app: empties its tables between steps and counts its transactions
 * ({@code xact_commit + xact_rollback} of {@code pg_stat_database}). PostgreSQL publishes a backend's counters at
 * most once a second and an idle backend's within about 10 s, so callers wait before reading an "after" value.
 * Each read is one transaction of its own, subtracted by {@link #transactionsSince}.
 */
public final class PostgresProbe implements AutoCloseable {

    private final String database;
    private final Connection connection;

    /** @param jdbcUrl e.g. {@code jdbc:postgresql://127.0.0.1:5432/tawasul_bench} */
    public PostgresProbe(String jdbcUrl, String user, String password, String database) throws SQLException {
        this.database = database;
        this.connection = DriverManager.getConnection(jdbcUrl, user, password);
        this.connection.setAutoCommit(true);
    }

    /**
     * Empties every table of the public schema except Flyway's history and the append-only tables, i.e. those with
     * a trigger that refuses TRUNCATE ({@code audit_event}: the bench writes no audit rows, so it does not grow).
     */
    public void truncateAll() throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select string_agg(format('%I.%I', t.schemaname, t.tablename), ', ') "
                     + "from pg_tables t where t.schemaname = 'public' and t.tablename not like 'flyway%' "
                     + "and not exists (select 1 from pg_trigger g where g.tgrelid = format('%I.%I', t.schemaname, "
                     + "t.tablename)::regclass and not g.tgisinternal and (g.tgtype & 32) <> 0)")) {
            String tables = rs.next() ? rs.getString(1) : null;
            if (tables != null) {
                try (Statement truncate = connection.createStatement()) {
                    truncate.execute("truncate " + tables + " restart identity cascade");
                }
            }
        }
    }

    /** @return committed + rolled back transactions of the bench database so far */
    public long transactions() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("select pg_stat_clear_snapshot()");
            try (ResultSet rs = st.executeQuery("select xact_commit + xact_rollback from pg_stat_database where datname = '"
                    + database.replace("'", "''") + "'")) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** @return transactions since {@code before} (a value of {@link #transactions}), without this probe's own */
    public long transactionsSince(long before) throws SQLException {
        // the two statements of the read that gave `before` ran after its snapshot, and the clear of this read too
        return transactions() - before - 2;
    }

    /** @return rows of a table, e.g. to check that the app stored what it acknowledged */
    public long count(String table) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from " + table)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** @return this probe's backend pid, whose statements are not the app's */
    public long backendPid() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** @return pids of backends connected to another database than the bench's (other people's work) */
    public java.util.Set<Long> otherDatabasePids() {
        java.util.Set<Long> pids = new java.util.HashSet<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select pid from pg_stat_activity where datname is not null and datname <> '"
                     + database.replace("'", "''") + "'")) {
            while (rs.next()) {
                pids.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return pids;
    }

    /** @return {@code server_version} of the server */
    public String serverVersion() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("show server_version")) {
            return rs.next() ? rs.getString(1) : "?";
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
