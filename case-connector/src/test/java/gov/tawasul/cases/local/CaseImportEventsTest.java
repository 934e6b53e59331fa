package gov.tawasul.cases.local;

import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A CSV import that changes a case's status makes one case event ({@code IMPORT}); the same import again, none. */
@QuarkusTest
class CaseImportEventsTest {

    private static final String HEADER = "case_number,status,status_label_ar,status_label_en,updated_at,contacts\n";

    @Inject
    CaseTableLoader loader;

    @AfterEach
    void clean() {
        TestDb.execute("truncate notification, case_follower, case_event cascade");
        TestDb.execute("delete from cases where case_number like '9300-%'");
    }

    @Test
    void aChangedCaseBecomesAnEventOnce() throws Exception {
        TestDb.execute("truncate notification, case_follower, case_event cascade");
        Path file = Files.createTempFile("cases", ".csv");
        Files.writeString(file, HEADER + "9300-000001,UNDER_REVIEW,قيد الدراسة,Under review,"
                + "2026-11-20T09:30:00+03:00,sms:+966500093001\n", StandardCharsets.UTF_8);
        loader.importFile(file);
        assertThat(TestDb.value("select count(*) from case_event")).as("a new case is no change").isEqualTo(0L);

        Files.writeString(file, HEADER + "9300-000001,APPROVED,مقبولة,Approved,"
                + "2026-12-01T10:00:00+03:00,sms:+966500093001\n", StandardCharsets.UTF_8);
        loader.importFile(file);
        loader.importFile(file);
        assertThat(TestDb.rows("select event_id, source, status, status_label_en, contacts::text as contacts "
                + "from case_event")).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("event_id", "import-9300-000001-APPROVED-1796108400")
                .containsEntry("source", "IMPORT").containsEntry("status", "APPROVED")
                .containsEntry("status_label_en", "Approved").containsEntry("contacts", "{sms:+966500093001}"));
        Files.delete(file);
    }
}
