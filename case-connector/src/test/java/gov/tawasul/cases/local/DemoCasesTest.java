package gov.tawasul.cases.local;

import gov.tawasul.cases.CasesConfig;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled sample cases are public demo data ({@code cases.demo}); an imported CSV never makes a demo row, not even
 * for a sample case's number, and seeding again does not turn that imported (real) case back into demo data.
 */
@QuarkusTest
class DemoCasesTest {

    private static final String HEADER = "case_number,status,status_label_ar,status_label_en,updated_at,contacts\n";

    @Inject
    CaseTableLoader loader;
    @Inject
    CasesConfig config;

    @AfterEach
    void restoreTheSampleCase() {
        TestDb.execute("truncate notification, case_follower, case_event cascade");
        TestDb.execute("delete from cases where case_number = '4519999'");
        loader.load(config.local());
    }

    @Test
    void sampleCasesAreDemoAndImportedOnesNever() throws Exception {
        List<String> samples = sampleNumbers();
        assertThat(TestDb.value("select count(*) from cases where demo and case_number = any(?)",
                (Object) samples.toArray(String[]::new))).as("every bundled sample case is demo").isEqualTo((long) samples.size());
        assertThat(TestDb.value("select demo from cases where case_number = '4519999'")).isEqualTo(true);

        Path file = Files.createTempFile("cases", ".csv");
        Files.writeString(file, HEADER + "4519999,UNDER_REVIEW,قيد الدراسة,Under review,"
                + "2026-11-25T09:30:00+03:00,sms:+966500094001\n9400-000001,RECEIVED,تم الاستلام,Received,"
                + "2026-11-25T09:30:00+03:00,sms:+966500094002\n", StandardCharsets.UTF_8);
        loader.importFile(file);
        Files.delete(file);
        assertThat(TestDb.value("select demo from cases where case_number = '4519999'")).isEqualTo(false);
        assertThat(TestDb.value("select demo from cases where case_number = '9400-000001'")).isEqualTo(false);

        loader.load(config.local());
        assertThat(TestDb.value("select demo from cases where case_number = '4519999'"))
                .as("seeding again leaves the imported case private").isEqualTo(false);
        TestDb.execute("delete from cases where case_number = '9400-000001'");
    }

    private static List<String> sampleNumbers() throws Exception {
        try (var in = DemoCasesTest.class.getClassLoader().getResourceAsStream(CaseTableLoader.SEED)) {
            return CaseCsv.read(in, CaseTableLoader.SEED).stream().map(c -> c.caseNumber).toList();
        }
    }
}
