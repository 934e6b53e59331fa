package gov.tawasul.cases;

import gov.tawasul.engine.model.CaseContact;
import gov.tawasul.engine.model.CaseLookupResult;
import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.LocalizedText;
import gov.tawasul.engine.port.CaseLookup;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link CaseLookup} connector answers: the same cases, given to each connector in its own source format,
 * give equal {@link CaseLookupResult}s. A subclass is a {@code @QuarkusTest} with its connector's test profile that,
 * before each test, makes the cases below known to its source, written out field by field as this class expects
 * them: {@code LocalCaseLookupContractTest} imports them as CSV into the {@code cases} table,
 * {@code RestCaseLookupContractTest} serves them as the case API's JSON.
 */
public abstract class CaseLookupContractTest {

    /** Every field: labels, department and next step in Arabic and English; a contact on each channel. */
    protected static final String FULL = "1447-000101";
    /** Only the required fields: no department, no next step, no contacts; updated at a UTC time. */
    protected static final String MINIMAL = "1447-000102";
    /** Department in Arabic only, next step in English only. */
    protected static final String ONE_LANGUAGE = "1447-000103";
    /** A case number with {@code /}, one path segment ({@code 2024%2F000104}) on the case API. */
    protected static final String SLASHED = "2024/000104";
    /** No case has this number. */
    protected static final String UNKNOWN = "1447-999999";

    @Inject
    CaseLookup cases;

    private CaseLookupResult lookup(String caseNumber) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> cases.lookup(caseNumber));
    }

    @Test
    void foundWithEveryFieldAndAContactOnEachChannel() throws Throwable {
        assertThat(lookup(FULL)).isEqualTo(new CaseLookupResult.Found(new CaseRecord(FULL, "UNDER_REVIEW",
                new LocalizedText("قيد الدراسة", "Under review"),
                new LocalizedText("إدارة التراخيص", "Licensing Department"),
                new LocalizedText("أرفق صورة \"السجل التجاري\"، ثم أعد الإرسال",
                        "Attach the \"commercial register\", then resubmit"),
                OffsetDateTime.parse("2026-11-20T09:30:00+03:00"),
                List.of(new CaseContact(Channel.SMS, "+966500000001"),
                        new CaseContact(Channel.FACEBOOK, "2000000000000001"),
                        new CaseContact(Channel.TWITTER, "1000000000000000002")))));
    }

    @Test
    void departmentNextStepAndContactsAreOptional() throws Throwable {
        assertThat(lookup(MINIMAL)).isEqualTo(new CaseLookupResult.Found(new CaseRecord(MINIMAL, "COMPLETED",
                new LocalizedText("مكتملة", "Completed"), null, null,
                OffsetDateTime.parse("2026-11-18T10:05:00Z"), List.of())));
    }

    @Test
    void textGivenInOneLanguageOnly() throws Throwable {
        assertThat(lookup(ONE_LANGUAGE)).isEqualTo(new CaseLookupResult.Found(new CaseRecord(ONE_LANGUAGE, "AWAITING_DOCUMENTS",
                new LocalizedText("بانتظار المستندات", "Awaiting documents"),
                new LocalizedText("إدارة الأحوال المدنية", null),
                new LocalizedText(null, "Upload a copy of your national ID"),
                OffsetDateTime.parse("2026-11-18T13:05:00+03:00"),
                List.of(new CaseContact(Channel.SMS, "+966500000003")))));
    }

    @Test
    void caseNumberWithASlash() throws Throwable {
        assertThat(lookup(SLASHED)).isEqualTo(new CaseLookupResult.Found(new CaseRecord(SLASHED, "REJECTED",
                new LocalizedText("مرفوضة", "Rejected"),
                new LocalizedText("إدارة الشؤون القانونية", "Legal Affairs Department"),
                new LocalizedText("يمكنكم تقديم اعتراض خلال ٣٠ يوماً من تاريخ القرار",
                        "You may file an objection within 30 days of the decision"),
                OffsetDateTime.parse("2026-07-19T10:00:00+03:00"),
                List.of(new CaseContact(Channel.TWITTER, "1000000000000000005"),
                        new CaseContact(Channel.FACEBOOK, "2000000000000004")))));
    }

    @Test
    void unknownNumberIsNotFound() throws Throwable {
        assertThat(lookup(UNKNOWN)).isEqualTo(new CaseLookupResult.NotFound(UNKNOWN));
    }
}
