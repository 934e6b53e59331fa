package gov.tawasul.engine.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Runs single SQL statements on the application's reactive PostgreSQL pool (the pool Hibernate Reactive uses),
 * each in one round trip and as its own transaction: the statements that must be atomic (insert … on conflict,
 * claims, forward-only status updates). Entities (the local case table) still go through Hibernate Reactive
 * Panache; these statements bypass Hibernate because its query-plan handling of native queries cost a quarter of
 * the app's CPU under load (bench/results). Parameters are positional ({@code ?1}, {@code ?2}, …, reusable) and are
 * sent as PostgreSQL's {@code $1}, {@code $2}. Results complete on the calling Vert.x context.
 */
@ApplicationScoped
public class Sql {

    private static final Pattern POSITIONAL = Pattern.compile("\\?(\\d+)");

    private final Pool pool;
    private final Map<String, String> translated = new ConcurrentHashMap<>();

    public Sql(Pool pool) {
        this.pool = pool;
    }

    /** @return the rows, each an {@code Object[]} of the selected columns (a single column still comes as an array). */
    public Uni<List<Object[]>> rows(String sql, Object... params) {
        return execute(sql, params).map(Sql::toArrays);
    }

    /** @return the first column of every row, cast to {@code type}. */
    public <T> Uni<List<T>> column(String sql, Class<T> type, Object... params) {
        return execute(sql, params).map(rows -> {
            List<T> values = new ArrayList<>(rows.size());
            for (Row row : rows) {
                values.add(type.cast(row.getValue(0)));
            }
            return values;
        });
    }

    /** @return the number of rows changed. */
    public Uni<Integer> update(String sql, Object... params) {
        return execute(sql, params).map(RowSet::rowCount);
    }

    private Uni<RowSet<Row>> execute(String sql, Object[] params) {
        Tuple tuple = Tuple.tuple();
        for (Object param : params) {
            tuple.addValue(param);
        }
        return pool.preparedQuery(translated.computeIfAbsent(sql, s -> POSITIONAL.matcher(s).replaceAll("\\$$1")))
                .execute(tuple);
    }

    private static List<Object[]> toArrays(RowSet<Row> rows) {
        List<Object[]> result = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Object[] values = new Object[row.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.getValue(i);
            }
            result.add(values);
        }
        return result;
    }
}
