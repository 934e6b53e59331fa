package gov.tawasul.cases.local;

import gov.tawasul.engine.model.CaseContact;
import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.LocalizedText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CSV format of the local case table ({@link CaseCsv}), without the database. */
class CaseCsvTest {

    private static final String HEADER = "case_number,status,status_label_ar,status_label_en,updated_at";
    private static final String SOURCE = "cases.csv";

    private static List<CaseEntity> read(byte[] bytes) throws IOException {
        return CaseCsv.read(new ByteArrayInputStream(bytes), SOURCE);
    }

    private static List<CaseEntity> read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<CaseRecord> records(String text) throws IOException {
        return read(text).stream().map(CaseEntity::toRecord).toList();
    }

    @Test
    void readsColumnsInAnyOrderAndLetterCaseIgnoringUnknownOnes() throws IOException {
        List<CaseRecord> records = records("""
                 Contacts ,next_step_en,UPDATED_AT,department_ar,status_label_en,Case_Number,extra,status,\
                status_label_ar,department_en,next_step_ar
                sms:+966500000001; facebook:2000000000000001 ,Pay the fee,2026-11-20T09:30:00+03:00,الإدارة المالية,\
                Awaiting payment, 1446-000123 ,x,AWAITING_PAYMENT,بانتظار السداد,Finance Department,سداد الرسوم
                """);

        assertThat(records).containsExactly(new CaseRecord("1446-000123", "AWAITING_PAYMENT",
                new LocalizedText("بانتظار السداد", "Awaiting payment"),
                new LocalizedText("الإدارة المالية", "Finance Department"),
                new LocalizedText("سداد الرسوم", "Pay the fee"),
                OffsetDateTime.parse("2026-11-20T09:30:00+03:00"),
                List.of(new CaseContact(Channel.SMS, "+966500000001"), new CaseContact(Channel.FACEBOOK, "2000000000000001"))));
        assertThat(read("""
                case_number,status,status_label_ar,status_label_en,updated_at,contacts
                123,COMPLETED,مكتملة,Completed,2026-09-14T10:20:00+03:00,sms:+15555550100 ; twitter:1000000000000000002
                """).get(0).contacts).isEqualTo("sms:+15555550100;twitter:1000000000000000002");
    }

    @Test
    void optionalColumnsMayBeEmptyAbsentOrCutShort() throws IOException {
        List<CaseRecord> records = records(HEADER + ",department_ar,department_en,next_step_ar,next_step_en,contacts\n"
                + "4512873,COMPLETED,مكتملة,Completed,2026-12-02T08:00:00+03:00,إدارة التراخيص,,,\n"
                + "4512874,COMPLETED,مكتملة,Completed,2026-12-02T08:00:00+03:00\n");

        assertThat(records).extracting(CaseRecord::department)
                .containsExactly(new LocalizedText("إدارة التراخيص", null), null);
        assertThat(records).extracting(CaseRecord::nextStep).containsExactly(null, null);
        assertThat(records).extracting(CaseRecord::contacts).containsExactly(List.of(), List.of());
    }

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() throws IOException {
        List<CaseEntity> cases = read(HEADER + ",next_step_ar,next_step_en\r\n"
                + "1446-000123,UNDER_REVIEW,قيد الدراسة,\"Under review, step 2\",2026-11-20T09:30:00+03:00,"
                + "\"أرفق \"\"السجل التجاري\"\"،\nثم أعد الإرسال\",\"Attach the \"\"commercial register\"\",\r\nthen resubmit\"\r\n"
                + "\"12345\",RECEIVED,تم الاستلام,Received,2026-11-21T08:15:00+03:00,,\"\"\r\n");

        assertThat(cases).hasSize(2);
        assertThat(cases.get(0).statusLabelEn).isEqualTo("Under review, step 2");
        assertThat(cases.get(0).nextStepAr).isEqualTo("أرفق \"السجل التجاري\"،\nثم أعد الإرسال");
        assertThat(cases.get(0).nextStepEn).isEqualTo("Attach the \"commercial register\",\r\nthen resubmit");
        assertThat(cases.get(1).caseNumber).isEqualTo("12345");
        assertThat(cases.get(1).nextStepEn).isNull();
    }

    @Test
    void byteOrderMarkBeforeTheHeaderIsSkipped() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write((HEADER + "\n4512873,COMPLETED,مكتملة,Completed,2026-11-18T13:05:00+03:00\n")
                .getBytes(StandardCharsets.UTF_8));

        List<CaseEntity> cases = read(bytes.toByteArray());

        assertThat(cases).extracting(c -> c.caseNumber).containsExactly("4512873");
    }

    @Test
    void arabicTextIsReadAsUtf8AndKeptAsWritten() throws IOException {
        String label = "بانتظار المستندات";
        String department = "إدارة الأحوال المدنية";
        String nextStep = "يرجى رفع صورة الهوية الوطنية (٢ صفحات) وعقد الإيجار، ثم الانتظار ـ ٥ أيام";

        CaseRecord record = records(HEADER + ",department_ar,next_step_ar\n4512873,AWAITING_DOCUMENTS," + label
                + ",Awaiting documents,2026-11-18T13:05:00+03:00," + department + ",\"" + nextStep + "\"\n").get(0);

        assertThat(record.statusLabel()).isEqualTo(new LocalizedText(label, "Awaiting documents"));
        assertThat(record.department().in("ar")).isEqualTo(department);
        assertThat(record.department().in("en")).isEqualTo(department);
        assertThat(record.nextStep().ar()).isEqualTo(nextStep).hasSize(nextStep.length());
    }

    @Test
    void textInAnotherEncodingIsRejected() {
        byte[] windows1256 = (HEADER + "\n4512873,COMPLETED,مكتملة,Completed,2026-11-18T13:05:00+03:00\n")
                .getBytes(Charset.forName("windows-1256"));

        assertThatThrownBy(() -> read(windows1256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(SOURCE + ": ").hasMessageContaining("UTF-8");
    }

    @Test
    void blankLinesAreSkippedAndLinesStillCounted() throws IOException {
        String text = HEADER + "\n\n1,RECEIVED,تم الاستلام,Received,2026-11-21T08:15:00+03:00\n   \n\n"
                + "2,RECEIVED,تم الاستلام,Received,yesterday\n";

        assertThatThrownBy(() -> read(text)).hasMessage(SOURCE
                + ": line 6: updated_at 'yesterday' is not an ISO-8601 date-time with offset, e.g. 2026-11-20T09:30:00+03:00");
        assertThat(read(text.replace("yesterday", "2026-11-22T08:15:00+03:00"))).extracting(c -> c.caseNumber)
                .containsExactly("1", "2");
    }

    @Test
    void headerOnlyFileHasNoCases() throws IOException {
        assertThat(read(HEADER + "\n")).isEmpty();
    }

    @Test
    void emptyFileIsRejected() {
        assertThatThrownBy(() -> read("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(SOURCE + ": line 1: ").hasMessageContaining("header");
    }

    @ParameterizedTest
    @ValueSource(strings = {"case_number", "status", "status_label_ar", "status_label_en", "updated_at"})
    void missingRequiredColumnIsNamed(String column) {
        String header = Arrays.stream(HEADER.split(",")).filter(c -> !c.equals(column)).collect(Collectors.joining(","))
                + ",department_ar";

        assertThatThrownBy(() -> read(header + "\n1,2,3,4,5\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(SOURCE + ": line 1: column '" + column + "' missing from the header");
    }

    @Test
    void columnNamedTwiceIsRejected() {
        assertThatThrownBy(() -> read(HEADER + ",Status\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(SOURCE + ": line 1: column 'Status' appears twice in the header");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20T09:30:00", "2026-11-20 09:30:00+03:00", "20/11/2026 09:30", "2026-02-30T09:30:00+03:00"})
    void badDateNamesTheLineTheRowStartsOn(String date) {
        String text = HEADER + ",next_step_en\n"
                + "1,RECEIVED,تم الاستلام,Received,2026-11-21T08:15:00+03:00,\"two\nlines\"\n"
                + "2,RECEIVED,تم الاستلام,Received," + date + "\n";

        assertThatThrownBy(() -> read(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(SOURCE + ": line 4: updated_at '" + date
                        + "' is not an ISO-8601 date-time with offset, e.g. 2026-11-20T09:30:00+03:00");
    }

    @Test
    void utcDesignatorIsStoredAsAnOffset() throws IOException {
        CaseEntity entity = read(HEADER + "\n1,RECEIVED,تم الاستلام,Received,2026-12-03T09:00:00Z\n").get(0);

        assertThat(entity.updatedOffset).isEqualTo("+00:00");
        assertThat(entity.toRecord().updatedAt()).isEqualTo(OffsetDateTime.of(2026, 12, 3, 9, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void badValuesNameTheirColumnAndLine() {
        String row = "\n1446-000123,RECEIVED,تم الاستلام,Received,2026-11-21T08:15:00+03:00";

        assertThatThrownBy(() -> read(HEADER + row.replace("Received", " ")))
                .hasMessage(SOURCE + ": line 2: status_label_en is empty");
        assertThatThrownBy(() -> read(HEADER + row.replace("1446-000123", "1446 000123")))
                .hasMessage(SOURCE + ": line 2: case_number '1446 000123' is not digits joined by - or /");
        assertThatThrownBy(() -> read(HEADER + row.replace("1446-000123", "1".repeat(65))))
                .hasMessageStartingWith(SOURCE + ": line 2: case_number '1111");
        assertThatThrownBy(() -> read(HEADER + ",contacts" + row + ",telegram:+966500000001"))
                .hasMessage(SOURCE + ": line 2: contact channel 'telegram' is not one of sms, facebook, twitter, email, whatsapp, webchat");
        assertThatThrownBy(() -> read(HEADER + ",contacts" + row + ",sms+966500000001"))
                .hasMessage(SOURCE + ": line 2: contact 'sms+966500000001' is not channel:address");
    }

    @Test
    void malformedCsvNamesTheLineTheRowStartsOn() {
        String first = "\n1,RECEIVED,تم الاستلام,Received,2026-11-21T08:15:00+03:00";

        assertThatThrownBy(() -> read(HEADER + first + "\n2,RECEIVED,\"تم الاستلام\nReceived,2026-11-21T08:15:00+03:00\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(SOURCE + ": line 3: ").hasMessageContaining("closing quote");
        assertThatThrownBy(() -> read(HEADER + first + "\n2,RECEIVED,تم,الاستلام,Received,2026-11-21T08:15:00+03:00\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(SOURCE + ": line 3: ").hasMessageContaining("Too many entries");
    }
}
