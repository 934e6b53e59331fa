package gov.tawasul.bench.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * The citizens and cases of the benchmark, generated deterministically so that the fake case API and the load
 * generator agree without sharing state.
 * <ul>
 *   <li>{@link #SENDERS} citizens, {@code +96650} + 7 digits (E.164, Saudi mobile range).</li>
 *   <li>{@link #CASES} cases; case {@code c} lists as SMS contacts every sender {@code s} with
 *       {@code s % CASES == c} (five family members per case), so a sender asking about "their" case is answered
 *       with its details under {@code contact-match} disclosure.</li>
 *   <li>Case numbers alternate between the two documented shapes: {@code 1446-000123} and {@code 4512873}.</li>
 * </ul>
 */
public final class Dataset {

    /** Distinct citizens. */
    public static final int SENDERS = 20_000;
    /** Cases served by the fake case API. */
    public static final int CASES = 4_000;

    private static final String[][] STATUSES = {
            {"UNDER_REVIEW", "قيد الدراسة", "Under review"},
            {"AWAITING_DOCUMENTS", "بانتظار استكمال المستندات", "Awaiting documents"},
            {"APPROVED", "تمت الموافقة", "Approved"},
            {"REFERRED", "محالة إلى الجهة المختصة", "Referred to the competent department"},
            {"CLOSED", "مغلقة", "Closed"},
    };
    private static final String[][] DEPARTMENTS = {
            {"إدارة التراخيص", "Licensing department"},
            {"الإدارة القانونية", "Legal department"},
            {"خدمة العملاء", "Customer service"},
    };
    private static final String[][] NEXT_STEPS = {
            {"يرجى رفع صورة الهوية الوطنية عبر البوابة", "Please upload a copy of your national ID on the portal"},
            {"سيتم التواصل معك خلال ثلاثة أيام عمل", "We will contact you within three working days"},
    };

    private Dataset() {
    }

    /** @return the E.164 number of sender {@code s} (0 ≤ s < {@link #SENDERS}) */
    public static String sender(int s) {
        return String.format("+96650%07d", s);
    }

    /** @return the case number of case {@code c} (0 ≤ c < {@link #CASES}) */
    public static String caseNumber(int c) {
        return c % 2 == 0 ? String.format("1446-%06d", 100 + c) : String.format("45%05d", 10_000 + c);
    }

    /** @return the case that sender {@code s} is a registered contact of */
    public static int caseOf(int s) {
        return s % CASES;
    }

    /** @return a well-formed case number that no case has (the case API answers 404) */
    public static String unknownCaseNumber(int i) {
        return String.format("9%08d", i % 100_000_000);
    }

    /**
     * @return case number → the JSON body of {@code GET /cases/{caseNumber}} in the contract of issue 2
     * (README "Case-management API contract")
     */
    public static Map<String, String> caseBodies() {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> bodies = new HashMap<>();
        OffsetDateTime base = OffsetDateTime.of(2026, 11, 20, 9, 30, 0, 0, ZoneOffset.ofHours(3));
        for (int c = 0; c < CASES; c++) {
            String[] status = STATUSES[c % STATUSES.length];
            ObjectNode body = json.createObjectNode();
            body.put("caseNumber", caseNumber(c));
            body.put("status", status[0]);
            body.set("statusLabel", text(json, status[1], status[2]));
            if (c % 3 != 0) {
                String[] department = DEPARTMENTS[c % DEPARTMENTS.length];
                body.set("department", text(json, department[0], department[1]));
            }
            if (c % 4 == 1) {
                String[] next = NEXT_STEPS[c % NEXT_STEPS.length];
                body.set("nextStep", text(json, next[0], next[1]));
            }
            body.put("updatedAt", base.minusHours(c % 500).toString());
            ArrayNode contacts = body.putArray("contacts");
            for (int s = c; s < SENDERS; s += CASES) {
                contacts.addObject().put("channel", "sms").put("address", sender(s));
            }
            bodies.put(caseNumber(c), body.toString());
        }
        return bodies;
    }

    private static ObjectNode text(ObjectMapper json, String ar, String en) {
        return json.createObjectNode().put("ar", ar).put("en", en);
    }
}
