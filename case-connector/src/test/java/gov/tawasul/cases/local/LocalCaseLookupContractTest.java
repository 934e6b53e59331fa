package gov.tawasul.cases.local;

import gov.tawasul.cases.CaseLookupContractTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@link CaseLookupContractTest} for the local {@code cases} table, filled by importing {@link #CASES_CSV}. */
@QuarkusTest
@TestProfile(LocalConnectorProfile.class)
class LocalCaseLookupContractTest extends CaseLookupContractTest {

    /** The contract's cases as a case CSV file (columns: {@link CaseCsv}). */
    static final String CASES_CSV = """
            case_number,status,status_label_ar,status_label_en,department_ar,department_en,next_step_ar,next_step_en,updated_at,contacts
            1447-000101,UNDER_REVIEW,قيد الدراسة,Under review,إدارة التراخيص,Licensing Department,"أرفق صورة ""السجل التجاري""، ثم أعد الإرسال","Attach the ""commercial register"", then resubmit",2026-11-20T09:30:00+03:00,sms:+966500000001;facebook:2000000000000001;twitter:1000000000000000002
            1447-000102,COMPLETED,مكتملة,Completed,,,,,2026-11-18T10:05:00Z,
            1447-000103,AWAITING_DOCUMENTS,بانتظار المستندات,Awaiting documents,إدارة الأحوال المدنية,,,Upload a copy of your national ID,2026-11-18T13:05:00+03:00,sms:+966500000003
            2024/000104,REJECTED,مرفوضة,Rejected,إدارة الشؤون القانونية,Legal Affairs Department,يمكنكم تقديم اعتراض خلال ٣٠ يوماً من تاريخ القرار,You may file an objection within 30 days of the decision,2026-07-19T10:00:00+03:00,twitter:1000000000000000005;facebook:2000000000000004
            """;

    @Inject
    CaseTableLoader loader;

    @BeforeEach
    void importTheContractCases() throws IOException {
        Path file = Files.createTempFile("tawasul-contract-cases", ".csv");
        try {
            Files.writeString(file, CASES_CSV, StandardCharsets.UTF_8);
            loader.importFile(file);
        } finally {
            Files.delete(file);
        }
    }
}
