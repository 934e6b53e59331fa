package gov.tawasul.cases.local;

import gov.tawasul.engine.model.CaseContact;
import gov.tawasul.engine.model.CaseLookupResult;
import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.LocalizedText;
import gov.tawasul.engine.port.CaseLookup;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import gov.tawasul.engine.testing.TestDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local connector against the real {@code cases} table: seed, import at start, import later, lookups. */
@QuarkusTest
@TestProfile(LocalConnectorProfile.class)
class LocalCaseLookupTest {

    /**
     * The profile's import replaced the bundled sample case 4512873 by a real one: put the sample back, public demo
     * data as the seed made it, so that the classes after this one (web chat, e-mail) see the bundled case.
     */
    @AfterAll
    static void restoreTheSampleCase() {
        TestDb.execute("""
                update cases set status = 'AWAITING_DOCUMENTS', status_label_ar = 'بانتظار المستندات',
                    status_label_en = 'Awaiting documents', department_ar = 'إدارة الأحوال المدنية',
                    department_en = 'Civil Affairs Department',
                    next_step_ar = 'يرجى رفع صورة الهوية الوطنية وعقد الإيجار عبر البوابة الإلكترونية',
                    next_step_en = 'Please upload a copy of your national ID and the lease contract through the e-portal',
                    updated_at = '2026-11-18T13:05:00+03:00', updated_offset = '+03:00', contacts = 'sms:+14155550100',
                    demo = true
                where case_number = '4512873'""");
    }

    @Inject
    CaseLookup cases;

    @Inject
    CaseTableLoader loader;

    private CaseLookupResult lookup(String number) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> cases.lookup(number));
    }

    @Test
    void seededCaseIsFoundWithBothLanguagesAndOffset() throws Throwable {
        CaseLookupResult result = lookup("1446-000123");

        assertThat(result).isInstanceOf(CaseLookupResult.Found.class);
        CaseRecord record = ((CaseLookupResult.Found) result).record();
        assertThat(record.caseNumber()).isEqualTo("1446-000123");
        assertThat(record.status()).isEqualTo("UNDER_REVIEW");
        assertThat(record.statusLabel()).isEqualTo(new LocalizedText("قيد الدراسة", "Under review"));
        assertThat(record.department()).isEqualTo(new LocalizedText("إدارة التراخيص", "Licensing Department"));
        assertThat(record.nextStep().en()).isEqualTo("You will be notified of the outcome within 5 working days");
        assertThat(record.updatedAt()).isEqualTo(OffsetDateTime.parse("2026-11-20T09:30:00+03:00"));
        assertThat(record.updatedAt().getOffset().getId()).isEqualTo("+03:00");
        assertThat(record.contacts()).containsExactly(new CaseContact(Channel.SMS, "+966500000001"));
    }

    @Test
    void seededCaseWithSlashAndAllChannelContacts() throws Throwable {
        CaseRecord slash = ((CaseLookupResult.Found) lookup("2024/12345")).record();
        assertThat(slash.status()).isEqualTo("COMPLETED");
        assertThat(slash.statusLabel().ar()).isEqualTo("مكتملة");

        CaseRecord fixtureCitizen = ((CaseLookupResult.Found) lookup("12345")).record();
        assertThat(fixtureCitizen.contacts()).containsExactly(new CaseContact(Channel.SMS, "+15555550100"),
                new CaseContact(Channel.FACEBOOK, "2000000000000001"),
                new CaseContact(Channel.TWITTER, "1000000000000000002"));
    }

    @Test
    void importFileAtStartAddsAndReplacesCases() throws Throwable {
        CaseRecord added = ((CaseLookupResult.Found) lookup("9990001")).record();
        assertThat(added.nextStep()).isEqualTo(new LocalizedText("أرفق صورة السجل التجاري، ثم أعد الإرسال",
                "Attach the \"commercial register\", then resubmit"));
        assertThat(added.contacts()).containsExactly(new CaseContact(Channel.SMS, "+966511111111"),
                new CaseContact(Channel.FACEBOOK, "2000000000000009"));

        CaseRecord replaced = ((CaseLookupResult.Found) lookup("4512873")).record();
        assertThat(replaced.status()).isEqualTo("COMPLETED");
        assertThat(replaced.department()).isNull();
        assertThat(replaced.nextStep()).isNull();
        assertThat(replaced.updatedAt()).isEqualTo(OffsetDateTime.parse("2026-12-02T08:00:00+03:00"));
    }

    @Test
    void importFileUpsertsByCaseNumber() throws Throwable {
        Path file = Files.createTempFile("cases", ".csv");
        Files.writeString(file, """
                case_number,status,status_label_ar,status_label_en,updated_at,contacts
                9990002,RECEIVED,تم الاستلام,Received,2026-12-03T09:00:00Z,twitter:1000000000000000002
                9990002,APPROVED,تمت الموافقة,Approved,2026-12-04T09:00:00+03:00,twitter:1000000000000000002
                """, StandardCharsets.UTF_8);

        assertThat(loader.importFile(file)).isEqualTo(2);

        CaseRecord record = ((CaseLookupResult.Found) lookup("9990002")).record();
        assertThat(record.status()).isEqualTo("APPROVED");
        assertThat(record.statusLabel().in("ar")).isEqualTo("تمت الموافقة");
        assertThat(record.contacts()).containsExactly(new CaseContact(Channel.TWITTER, "1000000000000000002"));
    }

    @Test
    void badImportFileFailsNamingItsLine() throws IOException {
        Path file = Files.createTempFile("cases", ".csv");
        Files.writeString(file, """
                case_number,status,status_label_ar,status_label_en,updated_at
                ../admin,RECEIVED,تم الاستلام,Received,2026-12-03T09:00:00+03:00
                """, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> loader.importFile(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file + ": line 2: ")
                .hasMessageContaining("../admin");
    }
}
