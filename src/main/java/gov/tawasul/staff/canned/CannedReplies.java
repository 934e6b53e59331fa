package gov.tawasul.staff.canned;

import gov.tawasul.engine.store.Db;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** The store of table {@code canned_reply}: the only class that writes it. Runs on the event loop. */
@ApplicationScoped
public class CannedReplies {

    private static final String ALL = "select id, locale, title, text from canned_reply order by locale, title";
    private static final String ADD = """
            insert into canned_reply (locale, title, text, created_by) values ($1, $2, $3, $4)
            on conflict (locale, title) do nothing
            returning id, locale, title, text""";
    private static final String DELETE = "delete from canned_reply where id = $1 returning id, locale, title, text";

    private final Db db;

    CannedReplies(Db db) {
        this.db = db;
    }

    /** @return every canned reply, by language then title */
    public Uni<List<CannedReply>> all() {
        return db.list(ALL, CannedReplies::reply);
    }

    /**
     * @param locale    {@code ar}/{@code en}
     * @param title     1–80 characters
     * @param text      1–2,000 characters
     * @param createdBy the supervisor's username
     * @return the new reply, or empty when one of that title exists in that language
     */
    public Uni<Optional<CannedReply>> add(String locale, String title, String text, String createdBy) {
        return db.first(ADD, CannedReplies::reply, locale, title, text, createdBy);
    }

    /** @return the deleted reply, or empty when there was none with this id */
    public Uni<Optional<CannedReply>> delete(long id) {
        return db.first(DELETE, CannedReplies::reply, id);
    }

    private static CannedReply reply(Row r) {
        return new CannedReply(r.getLong("id"), r.getString("locale"), r.getString("title"), r.getString("text"));
    }
}
