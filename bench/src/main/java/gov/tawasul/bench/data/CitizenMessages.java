package gov.tawasul.bench.data;

/**
 * What the simulated citizens write. Message {@code i} of a run is, by {@code i % 20}:
 * 0–13 (70 %) a question about the sender's own case (answered with details), 14–15 (10 %) about someone else's case
 * (details withheld), 16–17 (10 %) about a number no case has (not found), 18 Arabic help, 19 English help.
 * Texts alternate between Arabic and English; every other Arabic text writes the number in Arabic-Indic digits
 * (U+0660–0669) with a right-to-left mark, as phones in the field do (shared/fixtures/field-cases.md).
 */
public final class CitizenMessages {

    /** One message to send. */
    public record Message(int sender, String text, String expectedCaseNumber) {
    }

    private static final String[] ARABIC = {"ما حالة القضية رقم %s؟", "السلام عليكم، أريد الاستعلام عن المعاملة %s",
            "رقم القضية \u200F%s\u200F لو سمحت"};
    private static final String[] ENGLISH = {"What is the status of case %s?", "Hello, case no. %s please",
            "%s"};

    private CitizenMessages() {
    }

    /**
     * @param i      sequence number within the run
     * @param offset rotates the senders between steps so that each step talks with other citizens first
     */
    public static Message message(long i, int offset) {
        int sender = (int) ((i + offset) % Dataset.SENDERS);
        int kind = (int) (i % 20);
        boolean arabic = (i / 20 + kind) % 2 == 0;
        int variant = (int) ((i / 40) % 3);
        if (kind == 18) {
            return new Message(sender, "مساعدة", null);
        }
        if (kind == 19) {
            return new Message(sender, "help", null);
        }
        String caseNumber;
        if (kind < 14) {
            caseNumber = Dataset.caseNumber(Dataset.caseOf(sender));
        } else if (kind < 16) {
            caseNumber = Dataset.caseNumber((Dataset.caseOf(sender) + 1 + (int) (i % 97)) % Dataset.CASES);
        } else {
            caseNumber = Dataset.unknownCaseNumber((int) i);
        }
        String text = arabic
                ? String.format(ARABIC[variant], variant % 2 == 0 ? arabicIndic(caseNumber) : caseNumber)
                : String.format(ENGLISH[variant], caseNumber);
        return new Message(sender, text, caseNumber);
    }

    /** @return the text with ASCII digits written as Arabic-Indic digits */
    static String arabicIndic(String ascii) {
        StringBuilder out = new StringBuilder(ascii.length());
        for (char c : ascii.toCharArray()) {
            out.append(c >= '0' && c <= '9' ? (char) ('\u0660' + (c - '0')) : c);
        }
        return out.toString();
    }
}
