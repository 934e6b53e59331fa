package gov.tawasul.cases.local;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;

/**
 * Writes cases into the local {@code cases} table, all rows of one call in one transaction. Must be called on a
 * Vert.x context (Hibernate Reactive).
 */
@ApplicationScoped
public class CaseTable {

    private static final String INSERT = """
            insert into cases (case_number, status, status_label_ar, status_label_en, department_ar, department_en,
                               next_step_ar, next_step_en, updated_at, updated_offset, contacts, demo, imported_at)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, now())
            """;
    private static final String UPSERT = INSERT + """
            on conflict (case_number) do update set status = excluded.status,
                status_label_ar = excluded.status_label_ar, status_label_en = excluded.status_label_en,
                department_ar = excluded.department_ar, department_en = excluded.department_en,
                next_step_ar = excluded.next_step_ar, next_step_en = excluded.next_step_en,
                updated_at = excluded.updated_at, updated_offset = excluded.updated_offset,
                contacts = excluded.contacts, demo = excluded.demo, imported_at = now()
            """;
    /**
     * The bundled sample cases: inserted where absent; a row that is exactly the sample case (a table seeded before
     * {@code cases.demo} existed) is marked demo; any other row of that number (an imported case) is left as it is.
     */
    private static final String SEED = INSERT + """
            on conflict (case_number) do update set demo = true
            where not cases.demo and cases.status = excluded.status and cases.updated_at = excluded.updated_at
              and cases.status_label_ar = excluded.status_label_ar and cases.status_label_en = excluded.status_label_en
              and cases.contacts is not distinct from excluded.contacts
            """;

    /** Inserts or replaces each case by case number. @return the number of rows written */
    public Uni<Integer> upsert(List<CaseEntity> cases) {
        return write(UPSERT, cases);
    }

    /** @return the stored cases among {@code caseNumbers} (absent ones are left out) */
    public Uni<List<CaseEntity>> find(List<String> caseNumbers) {
        if (caseNumbers.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.withSession(() -> CaseEntity.<CaseEntity>list("caseNumber in ?1", caseNumbers));
    }

    /**
     * Inserts the sample cases whose number is not in the table yet (as given: demo), and marks demo the stored rows
     * identical to a sample case; other rows are kept as they are. @return rows inserted or marked
     */
    public Uni<Integer> insertSeed(List<CaseEntity> cases) {
        return write(SEED, cases);
    }

    private Uni<Integer> write(String sql, List<CaseEntity> cases) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> Multi.createFrom().iterable(cases)
                .onItem().transformToUniAndConcatenate(c -> statement(session, sql, c).executeUpdate())
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue))));
    }

    private static Mutiny.MutationQuery statement(Mutiny.Session session, String sql, CaseEntity c) {
        Mutiny.MutationQuery q = session.createNativeQuery(sql);
        q.setParameter(1, c.caseNumber);
        q.setParameter(2, c.status);
        q.setParameter(3, c.statusLabelAr);
        q.setParameter(4, c.statusLabelEn);
        q.setParameter(5, c.departmentAr);
        q.setParameter(6, c.departmentEn);
        q.setParameter(7, c.nextStepAr);
        q.setParameter(8, c.nextStepEn);
        q.setParameter(9, c.updatedAt.atOffset(java.time.ZoneOffset.UTC));
        q.setParameter(10, c.updatedOffset);
        q.setParameter(11, c.contacts);
        q.setParameter(12, c.demo);
        return q;
    }
}
