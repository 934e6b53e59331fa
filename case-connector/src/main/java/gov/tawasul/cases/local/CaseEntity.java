package gov.tawasul.cases.local;

import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.model.LocalizedText;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A row of the local {@code cases} table (migration {@code V2__cases.sql}), read with Hibernate Reactive Panache.
 * {@code contacts} holds {@code channel:address} pairs separated by {@code ;} (see {@link Contacts}).
 */
@Entity
@Table(name = "cases")
public class CaseEntity extends PanacheEntityBase {

    @Id
    @Column(name = "case_number")
    public String caseNumber;
    public String status;
    @Column(name = "status_label_ar")
    public String statusLabelAr;
    @Column(name = "status_label_en")
    public String statusLabelEn;
    @Column(name = "department_ar")
    public String departmentAr;
    @Column(name = "department_en")
    public String departmentEn;
    @Column(name = "next_step_ar")
    public String nextStepAr;
    @Column(name = "next_step_en")
    public String nextStepEn;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** Offset the case system gave, e.g. {@code +03:00}. */
    @Column(name = "updated_offset")
    public String updatedOffset;
    public String contacts;
    /** True for the bundled sample cases, public demo data; an imported CSV never sets it. */
    public boolean demo;

    /** @return the engine's view of this case. */
    public CaseRecord toRecord() {
        return new CaseRecord(caseNumber, status, new LocalizedText(statusLabelAr, statusLabelEn),
                text(departmentAr, departmentEn), text(nextStepAr, nextStepEn),
                updatedAt.atOffset(ZoneOffset.of(updatedOffset)), Contacts.parse(contacts), demo);
    }

    private static LocalizedText text(String ar, String en) {
        return isBlank(ar) && isBlank(en) ? null : new LocalizedText(blankToNull(ar), blankToNull(en));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return isBlank(s) ? null : s;
    }
}
