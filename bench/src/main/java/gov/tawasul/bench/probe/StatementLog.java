package gov.tawasul.bench.probe;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the SQL statements and transactions the app sends, exactly, from the PostgreSQL server's statement log
 * ({@code log_statement = 'all'}, https://www.postgresql.org/docs/15/runtime-config-logging.html), because
 * {@code pg_stat_statements} is not preloaded on the shared server. {@link #enable} sets the parameter for the bench
 * database only ({@code ALTER DATABASE … SET}, which needs a superuser and applies to sessions opened afterwards,
 * so it must run before the app connects); {@link #reset} takes it back. Between two {@link #mark}s of the log
 * file, {@link #count} reads the lines of the bench database's backends, which the Debian log format
 * {@code log_line_prefix = '%m [%p] %q%u@%d '} names: {@code 2026-12-02 19:39:35.051 UTC [2194] tawasul@tawasul_bench
 * LOG:  execute <unnamed>: select …}. Each {@code statement:} or {@code execute …:} line is one statement; a
 * {@code BEGIN} … {@code COMMIT}/{@code ROLLBACK} block of one backend is one transaction, and a statement outside a
 * block is a transaction of its own. {@code ERROR} lines are statements the server refused (e.g. at parse): they
 * are counted apart, since they never appear as {@code execute} but cost a round trip and a rolled-back
 * transaction in {@code pg_stat_database}.
 */
public final class StatementLog {

    private static final Pattern ENTRY = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)? \\S+ \\[(\\d+)\\] (?:(\\S*)@(\\S*) )?([A-Z]+):  (.*)$");
    private static final Pattern STATEMENT = Pattern.compile("^(?:statement|execute [^:]*): (.*)$");

    /** What the log showed between two marks. */
    public record Counts(long statements, long transactions, long transactionControl, int backends,
                         Map<String, Long> byStatement, long errors, Map<String, Long> byError) {
    }

    private final Path file;

    private StatementLog(Path file) {
        this.file = file;
    }

    /**
     * @param setting {@code bench.pgLog}: the log file; blank: the newest
     *                {@code /var/log/postgresql/postgresql-*-main.log}
     * @return the log, readable
     * @throws IOException when no log is found or it cannot be read (the caller falls back to pg_stat_database)
     */
    public static StatementLog open(String setting) throws IOException {
        Path file = null;
        if (setting != null && !setting.isBlank()) {
            file = Path.of(setting);
        } else {
            try (DirectoryStream<Path> logs = Files.newDirectoryStream(Path.of("/var/log/postgresql"),
                    "postgresql-*-main.log")) {
                for (Path p : logs) {
                    if (file == null || Files.getLastModifiedTime(p).compareTo(Files.getLastModifiedTime(file)) > 0) {
                        file = p;
                    }
                }
            }
        }
        if (file == null || !Files.isReadable(file)) {
            throw new IOException("no readable PostgreSQL log " + (file == null ? "in /var/log/postgresql" : file));
        }
        return new StatementLog(file);
    }

    public Path file() {
        return file;
    }

    /** @return the log's current length in bytes, to count from or up to */
    public long mark() throws IOException {
        return Files.size(file);
    }

    /** Sets {@code log_statement = 'all'} for {@code database} (new sessions); needs a superuser connection. */
    public static void enable(String adminJdbcUrl, String user, String password, String database) throws SQLException {
        alter(adminJdbcUrl, user, password, "alter database " + quote(database) + " set log_statement = 'all'");
    }

    /** Takes the setting of {@link #enable} back. */
    public static void reset(String adminJdbcUrl, String user, String password, String database) throws SQLException {
        alter(adminJdbcUrl, user, password, "alter database " + quote(database) + " reset log_statement");
    }

    private static void alter(String url, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * @param from        a {@link #mark} (inclusive)
     * @param to          a later mark (exclusive)
     * @param database    only lines of this database's backends
     * @param excludedPids backends that are not the app's (the probe's own)
     */
    public Counts count(long from, long to, String database, Set<Long> excludedPids) throws IOException {
        byte[] bytes = new byte[(int) Math.max(0, Math.min(Integer.MAX_VALUE - 8, to - from))];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(from);
            f.readFully(bytes);
        }
        Map<Long, Boolean> inBlock = new HashMap<>();
        Set<Long> backends = new java.util.HashSet<>();
        Map<String, Long> byStatement = new HashMap<>();
        long statements = 0;
        long transactions = 0;
        long control = 0;
        long errors = 0;
        Map<String, Long> byError = new HashMap<>();
        StringBuilder current = null;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.startsWith("\t") && current != null) {
                current.append(' ').append(line.strip());
                continue;
            }
            if (current != null) {
                byStatement.merge(shorten(current.toString()), 1L, Long::sum);
                current = null;
            }
            Matcher m = ENTRY.matcher(line);
            if (!m.matches() || !database.equals(m.group(3))) {
                continue;
            }
            long pid = Long.parseLong(m.group(1));
            if ("ERROR".equals(m.group(4)) && !excludedPids.contains(pid)) {
                // a statement refused at parse or execution: a round trip, never an `execute` line
                errors++;
                byError.merge(shorten(m.group(5)), 1L, Long::sum);
                continue;
            }
            if (!"LOG".equals(m.group(4))) {
                continue;
            }
            Matcher s = STATEMENT.matcher(m.group(5));
            if (excludedPids.contains(pid) || !s.matches()) {
                continue;
            }
            backends.add(pid);
            String sql = s.group(1).strip();
            String head = sql.toUpperCase(Locale.ROOT);
            statements++;
            boolean block = inBlock.getOrDefault(pid, false);
            if (head.startsWith("BEGIN") || head.startsWith("START TRANSACTION")) {
                control++;
                transactions++;
                inBlock.put(pid, true);
            } else if (head.startsWith("COMMIT") || head.startsWith("END") || (head.startsWith("ROLLBACK")
                    && !head.startsWith("ROLLBACK TO"))) {
                control++;
                inBlock.put(pid, false);
            } else if (!block) {
                transactions++;
            }
            current = new StringBuilder(sql);
        }
        if (current != null) {
            byStatement.merge(shorten(current.toString()), 1L, Long::sum);
        }
        return new Counts(statements, transactions, control, backends.size(), sorted(byStatement), errors,
                sorted(byError));
    }

    private static Map<String, Long> sorted(Map<String, Long> counts) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static String shorten(String sql) {
        String s = sql.replaceAll("\\s+", " ").strip();
        return s.length() <= 80 ? s : s.substring(0, 80);
    }
}
