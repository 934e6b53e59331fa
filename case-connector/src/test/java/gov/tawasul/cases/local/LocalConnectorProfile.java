package gov.tawasul.cases.local;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code tawasul.cases.connector=local} with the bundled seed and an import file ({@link #IMPORT_CSV}) that adds
 * one case and replaces the seed's {@code 4512873}.
 */
public class LocalConnectorProfile implements QuarkusTestProfile {

    /** Imported at start: a new case (quoted field with a comma and a quote) and an update of a seeded one. */
    public static final String IMPORT_CSV = """
            contacts,case_number,status,status_label_ar,status_label_en,department_ar,department_en,next_step_ar,next_step_en,updated_at,extra
            sms:+966511111111;facebook:2000000000000009,9990001,AWAITING_DOCUMENTS,بانتظار المستندات,Awaiting documents,إدارة التراخيص,Licensing Department,"أرفق صورة السجل التجاري، ثم أعد الإرسال","Attach the ""commercial register"", then resubmit",2026-12-01T10:00:00+03:00,ignored
            sms:+14155550100,4512873,COMPLETED,مكتملة,Completed,,,,,2026-12-02T08:00:00+03:00,
            """;

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Path file = Files.createTempFile("tawasul-cases-import", ".csv");
            Files.writeString(file, IMPORT_CSV, StandardCharsets.UTF_8);
            file.toFile().deleteOnExit();
            return Map.of("tawasul.cases.connector", "local", "tawasul.cases.local.import-file", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
