package gov.tawasul.engine.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs single statements on one of the application's reactive PostgreSQL pools, each in one round trip and as its own
 * transaction (the statements that must be atomic are single {@code insert … on conflict}, claims and forward-only
 * updates, several tables at once through data-modifying CTEs). SQL uses PostgreSQL's own {@code $1, $2, …}
 * parameters; rows are mapped by column name by the caller's factory. Prepared statements are cached per
 * connection ({@code quarkus.datasource.reactive.cache-prepared-statements}). Results complete on the calling
 * Vert.x context. Only the stores of this package use it.
 * <p>
 * Three instances: the default one on the default pool ({@code quarkus.datasource.reactive.*}: the reply path, jobs,
 * staff), the {@link Ingest} one on the pool of the named datasource {@code ingest} (the statements a webhook
 * waits for before its 2xx) and the {@link Reporting} one on the pool of {@code reporting} (statements planned per
 * call: reports, filtered lists), see {@link NamedPools}.
 */
@ApplicationScoped
public class Db {

    private final Pool pool;

    Db(Pool pool) {
        this.pool = pool;
    }

    /** @return every row, mapped by {@code mapper} */
    public <T> Uni<List<T>> list(String sql, Function<Row, T> mapper, Object... params) {
        return execute(sql, params).map(rows -> {
            List<T> values = new ArrayList<>(rows.size());
            for (Row row : rows) {
                values.add(mapper.apply(row));
            }
            return values;
        });
    }

    /** @return the first row mapped by {@code mapper}, or empty when the statement returned none */
    public <T> Uni<Optional<T>> first(String sql, Function<Row, T> mapper, Object... params) {
        return execute(sql, params).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? Optional.of(mapper.apply(it.next())) : Optional.empty();
        });
    }

    /** @return the number of rows changed */
    public Uni<Integer> update(String sql, Object... params) {
        return execute(sql, params).map(RowSet::rowCount);
    }

    /** Runs one statement: one round trip, its own transaction (package-private: a test counts them). */
    Uni<RowSet<Row>> execute(String sql, Object[] params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params));
    }

    /**
     * @return whether {@code failure} (or a cause) is PostgreSQL's unique violation (SQLSTATE 23505) of the
     *         constraint or unique index named {@code constraint}
     */
    public static boolean isUniqueViolation(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())
                    && constraint.equals(pg.getConstraint())) {
                return true;
            }
        }
        return false;
    }
}
