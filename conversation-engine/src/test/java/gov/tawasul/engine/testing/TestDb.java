package gov.tawasul.engine.testing;

import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain JDBC access to the test database, for arranging data and asserting what was stored. */
public final class TestDb {

    /** PostgreSQL's SQLSTATE {@code deadlock_detected}. */
    private static final String DEADLOCK_DETECTED = "40P01";
    private static final int TRUNCATE_TRIES = 5;

    private TestDb() {
    }

    private static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    /** @return every row, as column name → value maps */
    public static List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the single value of a one-row, one-column query */
    public static Object value(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        if (rows.size() != 1) {
            throw new IllegalStateException("expected one row, got " + rows.size() + " for " + sql);
        }
        return rows.get(0).values().iterator().next();
    }

    /**
     * Runs an insert/update/delete. A {@code truncate} that PostgreSQL chose as the victim of a deadlock (it takes its
     * tables' exclusive locks one after the other while the running app's statements hold some of them) is run again,
     * up to {@value #TRUNCATE_TRIES} times: it changes nothing until it succeeds.
     */
    public static int execute(String sql, Object... params) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    s.setObject(i + 1, params[i]);
                }
                return s.executeUpdate();
            } catch (SQLException e) {
                boolean deadlockedTruncate = DEADLOCK_DETECTED.equals(e.getSQLState())
                        && sql.stripLeading().toLowerCase(java.util.Locale.ROOT).startsWith("truncate");
                if (!deadlockedTruncate || attempt >= TRUNCATE_TRIES) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

}
