package gov.tawasul.engine.store;

import gov.tawasul.engine.model.CaseLookupResult;
import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.model.LocalizedText;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * The store of table {@code case_query}: what each case number the bot looked up for an inbound message found
 * (outcome {@code FOUND}, {@code NOT_FOUND}, {@code UNAVAILABLE}, {@code LAST_KNOWN}; the case's status code and
 * department: {@code department} English else Arabic, and each label in {@code department_ar}/{@code department_en}), for the reports' "case queries per department / status, not-found rate". The case number itself is
 * not kept here (the inbound row has it). Must be called on a Vert.x event-loop context.
 */
@ApplicationScoped
public class CaseQueries {

    private static final String RECORD = "with " + recordOf("$1", "$2", "$3", "$4", "$5", "$6", "$7")
            + "\nselect count(*) from case_queried";

    private final Db db;

    CaseQueries(Db db) {
        this.db = db;
    }

    /**
     * CTE {@code case_queried}: the outcomes of the lookups made for an inbound message (parameters: the message id
     * and the six arrays of {@link #columns}, in that order); a second time for the same message changes nothing.
     * For a statement that stores them together with the reply ({@code OutboundMessages.queueReply}).
     */
    static String recordOf(String inboundId, String positions, String outcomes, String statuses, String departments,
                           String departmentsAr, String departmentsEn) {
        return """
                case_queried as (
                  insert into case_query (inbound_message_id, position, channel, asked_at, outcome, status, department,
                                          department_ar, department_en)
                  select i.id, q.position, i.channel, i.received_at, q.outcome, q.status, q.department,
                         q.department_ar, q.department_en
                  from inbound_message i,
                       unnest(cast(%2$s as smallint[]), cast(%3$s as varchar[]), cast(%4$s as varchar[]),
                              cast(%5$s as varchar[]), cast(%6$s as varchar[]), cast(%7$s as varchar[]))
                         as q (position, outcome, status, department, department_ar, department_en)
                  where i.id = %1$s
                  on conflict do nothing
                  returning 1)""".formatted(inboundId, positions, outcomes, statuses, departments, departmentsAr,
                departmentsEn);
    }

    /**
     * Records the outcomes of the lookups made for inbound message {@code inboundId}, in the order of the results
     * (one statement; a second call for the same message changes nothing). The bot's reply stores them itself
     * ({@code OutboundMessages.queueReply}); this is for a message whose reply was refused before it was stored.
     *
     * @param inboundId the inbound message the numbers were asked in
     * @param results   the lookups' results, in the order of the numbers
     * @return completes once stored (nothing is stored for an empty list)
     */
    public Uni<Void> record(long inboundId, List<CaseLookupResult> results) {
        if (results.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Object[] columns = columns(results);
        Object[] params = new Object[columns.length + 1];
        params[0] = inboundId;
        System.arraycopy(columns, 0, params, 1, columns.length);
        return db.update(RECORD, params).replaceWithVoid();
    }

    /**
     * @return the parameters of {@link #recordOf} after the message id: positions ({@code Short[]}), outcomes,
     *         status codes, departments, Arabic and English department labels ({@code String[]} each), one element
     *         per result in order (empty arrays for no results)
     */
    static Object[] columns(List<CaseLookupResult> results) {
        List<Short> positions = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        List<String> departments = new ArrayList<>();
        List<String> departmentsAr = new ArrayList<>();
        List<String> departmentsEn = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            CaseLookupResult r = results.get(i);
            CaseRecord found = r instanceof CaseLookupResult.Found f ? f.record()
                    : r instanceof CaseLookupResult.LastKnown k ? k.record() : null;
            positions.add((short) i);
            outcomes.add(r instanceof CaseLookupResult.Found ? "FOUND"
                    : r instanceof CaseLookupResult.LastKnown ? "LAST_KNOWN"
                    : r instanceof CaseLookupResult.NotFound ? "NOT_FOUND" : "UNAVAILABLE");
            statuses.add(found == null ? null : truncate(found.status(), 64));
            departments.add(found == null ? null : truncate(departmentOf(found.department()), 256));
            departmentsAr.add(found == null || found.department() == null ? null
                    : truncate(label(found.department().ar()), 256));
            departmentsEn.add(found == null || found.department() == null ? null
                    : truncate(label(found.department().en()), 256));
        }
        return new Object[]{positions.toArray(new Short[0]), outcomes.toArray(new String[0]),
                statuses.toArray(new String[0]), departments.toArray(new String[0]),
                departmentsAr.toArray(new String[0]), departmentsEn.toArray(new String[0])};
    }

    /** @return the English label, else the Arabic one, else null */
    static String departmentOf(LocalizedText d) {
        if (d == null) {
            return null;
        }
        String name = d.en() != null && !d.en().isBlank() ? d.en() : d.ar();
        return name == null || name.isBlank() ? null : name.strip();
    }

    private static String label(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
