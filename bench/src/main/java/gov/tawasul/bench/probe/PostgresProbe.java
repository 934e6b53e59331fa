package gov.tawasul.bench.probe;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The bench database seen from outside the app: empties its tables between steps (then gives them a history,
 * {@link #seedHistory}) and counts its transactions
 * ({@code xact_commit + xact_rollback} of {@code pg_stat_database}). PostgreSQL publishes a backend's counters at
 * most once a second and an idle backend's within about 10 s, so callers wait before reading an "after" value.
 * Each read is one transaction of its own, subtracted by {@link #transactionsSince}.
 */
public final class PostgresProbe implements AutoCloseable {

    private final String database;
    private final Connection connection;
    /** Rows of the seeded history per table, left out of {@link #count}. */
    private final java.util.Map<String, Long> baseline = new java.util.HashMap<>();

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

    /**
     * Gives the emptied tables a history, so that they look like a running deployment's and not like a fresh
     * install: {@code inbound} inbound messages with their replies over the last 365 days in {@code conversations}
     * conversations, from the reports seed ({@code bench/reports-seed.sql}, its psql variables filled in here), their
     * outbound rows with provider ids, then {@code ANALYZE}. Without it every step started on empty tables, and the
     * plans PostgreSQL cached per connection for empty tables (an index on the channel alone, say, as good as any for
     * 0 rows) were kept while the step filled the table: the status callback's lookup of its message by provider id
     * scanned the channel's rows, 533 buffers a call (auto_explain, 2026-12-03). {@link #count} leaves these rows out.
     *
     * @param seedSql the seed file's text
     */
    public void seedHistory(String seedSql, int inbound, int conversations) throws SQLException {
        String sql = seedSql.replace(":inbound", Integer.toString(inbound))
                .replace(":conversations", Integer.toString(conversations));
        StringBuilder statements = new StringBuilder("drop table if exists seed_base;\n");
        for (String line : sql.split("\n")) {
            if (!line.startsWith("\\") && !line.startsWith("--")) {
                statements.append(line).append('\n');
            }
        }
        statements.append("""
                update outbound_message set provider_message_id = 'SMseed' || lpad(id::text, 26, '0')
                 where provider_message_id is null and channel in ('SMS', 'WHATSAPP');
                analyze;
                """);
        try (Statement st = connection.createStatement()) {
            for (String statement : statements.toString().split(";\\s*\n")) {
                if (!statement.isBlank()) {
                    st.execute(statement);
                }
            }
        }
        baseline.clear();
        for (String table : new String[]{"inbound_message", "outbound_message", "conversation", "case_query"}) {
            baseline.put(table, rawCount(table));
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

    /**
     * @return rows of a table stored since the last {@link #seedHistory} (the seeded history left out), e.g. to check
     *         that the app stored what it acknowledged
     */
    public long count(String table) throws SQLException {
        return rawCount(table) - baseline.getOrDefault(table, 0L);
    }

    private long rawCount(String table) throws SQLException {
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
