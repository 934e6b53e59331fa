package gov.tawasul.engine.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;

import java.util.ArrayList;
import java.util.List;

/**
 * Tests: the application's {@link Db}, recording the SQL of every statement it runs (each is one round trip and one
 * transaction), in order. Enabled by a test profile's alternatives; a singleton (no client proxy: {@link Db} has no
 * no-args constructor to extend).
 */
@Alternative
@Singleton
public class CountingDb extends Db {

    private final List<String> statements = new ArrayList<>();

    CountingDb(Pool pool) {
        super(pool);
    }

    @Override
    Uni<RowSet<Row>> execute(String sql, Object[] params) {
        synchronized (statements) {
            statements.add(sql);
        }
        return super.execute(sql, params);
    }

    /** @return the statements run since the last {@link #reset}, oldest first */
    public List<String> statements() {
        synchronized (statements) {
            return List.copyOf(statements);
        }
    }

    /** Forgets what was recorded. */
    public void reset() {
        synchronized (statements) {
            statements.clear();
        }
    }
}
