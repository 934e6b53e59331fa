package gov.tawasul.engine.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;

/**
 * Runs single native SQL statements through the Hibernate Reactive session of the current Vert.x context.
 * Used for the statements that must be atomic in one round trip (insert … on conflict, claims, forward-only
 * status updates); each statement is its own transaction. Must be called on a Vert.x event-loop context.
 * Parameters are positional ({@code ?1}, {@code ?2}, …).
 */
@ApplicationScoped
public class Sql {

    /** @return the rows, each an {@code Object[]} of the selected columns (a single column still comes as an array). */
    public Uni<List<Object[]>> rows(String sql, Object... params) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> {
            Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(sql, Object[].class);
            bind(query, params);
            return query.getResultList();
        }));
    }

    /** @return the rows of a one-column query. */
    public <T> Uni<List<T>> column(String sql, Class<T> type, Object... params) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> {
            Mutiny.SelectionQuery<T> query = session.createNativeQuery(sql, type);
            bind(query, params);
            return query.getResultList();
        }));
    }

    /** @return the number of rows changed. */
    public Uni<Integer> update(String sql, Object... params) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> {
            Mutiny.MutationQuery query = session.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.executeUpdate();
        }));
    }

    private static void bind(Mutiny.SelectionQuery<?> query, Object[] params) {
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
    }
}
