package gov.tawasul.engine.store;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.CaseContact;
import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.LocalizedText;
import gov.tawasul.engine.reply.EmailAddresses;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code case_event} table: every change of a case the bot learnt of (pushed by the case system, found by the
 * watch mode, made by a CSV import), once per event id (unique {@code case_event_key}).
 */
@ApplicationScoped
public class CaseEvents {

    private static final String COLUMNS = """
            id, event_id, source, case_number, status, status_label_ar, status_label_en, department_ar,
            department_en, next_step_ar, next_step_en, updated_at, contacts, received_at""";

    private static final String RECORD = """
            insert into case_event (event_id, source, case_number, status, status_label_ar, status_label_en,
                                    department_ar, department_en, next_step_ar, next_step_en, updated_at, contacts,
                                    fanned_out_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, case when $13 then null else now() end)
            on conflict (event_id) do nothing
            returning id""";

    private static final String LATEST = "select " + COLUMNS
            + " from case_event where case_number = $1 order by id desc limit 1";

    /** $1 the contact as stored ({@code sms:+966…}). */
    private static final String ERASE_CONTACT =
            "update case_event set contacts = array_remove(contacts, $1) where contacts @> array[cast($1 as text)]";

    private final Db db;

    CaseEvents(Db db) {
        this.db = db;
    }

    /**
     * A stored event.
     *
     * @param id         {@code case_event.id} (event order)
     * @param eventId    the event's own id
     * @param source     {@code PUSH}, {@code WATCH} or {@code IMPORT}
     * @param record     the case as the event describes it
     * @param receivedAt when it was stored
     */
    public record Stored(long id, String eventId, String source, CaseRecord record, Instant receivedAt) {
    }

    /**
     * Stores an event once.
     *
     * @param eventId the event's id (at most 128 characters)
     * @param source  {@code PUSH}, {@code WATCH} or {@code IMPORT}
     * @param record  the case after the change (e-mail contacts are stored in their canonical form, as the e-mail
     *                channel stores a citizen's address)
     * @param notify  false for a baseline (the status first seen by the watch mode): stored as already fanned out,
     *                nobody is told
     * @return the new row's id, or empty when an event with this id was already stored
     */
    public Uni<Optional<Long>> record(String eventId, String source, CaseRecord record, boolean notify) {
        LocalizedText label = record.statusLabel();
        LocalizedText department = record.department();
        LocalizedText next = record.nextStep();
        String[] contacts = record.contacts().stream().map(c -> c.channel().wireName() + ":"
                        + (c.channel() == Channel.EMAIL ? EmailAddresses.canonical(c.address()) : c.address()))
                .toArray(String[]::new);
        return db.first(RECORD, r -> r.getLong("id"), eventId, source, record.caseNumber(), record.status(),
                label == null ? null : label.ar(), label == null ? null : label.en(),
                department == null ? null : department.ar(), department == null ? null : department.en(),
                next == null ? null : next.ar(), next == null ? null : next.en(), record.updatedAt(), contacts,
                notify);
    }

    /** @return the newest event of a case (its last known status), or empty */
    public Uni<Optional<Stored>> latest(String caseNumber) {
        return db.first(LATEST, CaseEvents::stored, caseNumber);
    }

    /** CTE part {@code fanned}: the events of CTE {@code events} (column {@code id}) are fanned out. */
    static String markFannedOutAll(String events) {
        return "fanned as (update case_event set fanned_out_at = now() where id in (select id from " + events
                + ") and fanned_out_at is null returning id)";
    }

    static Stored stored(Row r) {
        List<CaseContact> contacts = new ArrayList<>();
        String[] raw = r.getArrayOfStrings("contacts");
        for (String c : raw == null ? new String[0] : raw) {
            int colon = c.indexOf(':');
            if (colon > 0) {
                try {
                    contacts.add(new CaseContact(Channel.fromWireName(c.substring(0, colon)), c.substring(colon + 1)));
                } catch (IllegalArgumentException ignored) {
                    // an unknown channel of the case system: not ours to reach
                }
            }
        }
        OffsetDateTime updated = r.getOffsetDateTime("updated_at");
        CaseRecord record = new CaseRecord(r.getString("case_number"), r.getString("status"),
                text(r, "status_label"), text(r, "department"), text(r, "next_step"),
                updated == null ? null : updated.withOffsetSameInstant(ZoneOffset.UTC), contacts);
        return new Stored(r.getLong("id"), r.getString("event_id"), r.getString("source"), record,
                r.getOffsetDateTime("received_at").toInstant());
    }

    private static LocalizedText text(Row r, String prefix) {
        String ar = r.getString(prefix + "_ar");
        String en = r.getString(prefix + "_en");
        return ar == null && en == null ? null : new LocalizedText(ar, en);
    }

    /**
     * A citizen's erasure: the address is removed from the contacts of every case event the bot received (the case
     * system's own record is the agency's, not ours).
     *
     * @return events changed
     */
    public Uni<Integer> eraseContact(Address citizen) {
        return db.update(ERASE_CONTACT, citizen.channel().wireName() + ":" + citizen.value());
    }
}
