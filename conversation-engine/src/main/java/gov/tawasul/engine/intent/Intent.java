package gov.tawasul.engine.intent;

import java.util.List;

/** What a citizen's message asks for. */
public sealed interface Intent {

    /** Stored name of {@link CaseStatus}. */
    String CASE_STATUS = "CASE_STATUS";
    /** Stored name of {@link AskForPerson}. */
    String ASK_FOR_PERSON = "ASK_FOR_PERSON";

    /** @return the intent's name as stored in {@code inbound_message.intent}. */
    String name();

    /**
     * A case-status query.
     *
     * @param caseNumbers the case numbers found, in order of appearance, without repeats, at most the configured maximum
     * @param omitted     further numbers in the text that are not answered
     */
    record CaseStatus(List<String> caseNumbers, int omitted) implements Intent {
        @Override
        public String name() {
            return CASE_STATUS;
        }
    }

    /**
     * Asked to talk to a person ({@code agent}, {@code موظف}, {@code خدمة العملاء}, the {@code TALK_TO_AGENT}
     * button): the conversation waits for staff.
     */
    record AskForPerson() implements Intent {
        @Override
        public String name() {
            return ASK_FOR_PERSON;
        }
    }

    /** Asked for help ({@code help}, {@code مساعدة}, {@code ?}, a help button). */
    record Help() implements Intent {
        @Override
        public String name() {
            return "HELP";
        }
    }

    /** Asked to look up another case (button) or sent something that is not text: ask for the number as text. */
    record AskForCaseNumber(boolean becauseNotText) implements Intent {
        @Override
        public String name() {
            return becauseNotText ? "NOT_TEXT" : "ANOTHER_CASE";
        }
    }

    /**
     * "STOP &lt;case number&gt;" on any channel: no more updates of that case on this address (the number stays
     * reachable otherwise). Stored as {@code UNFOLLOW}.
     *
     * @param caseNumber the normalised case number
     */
    record Unfollow(String caseNumber) implements Intent {
        @Override
        public String name() {
            return "UNFOLLOW";
        }
    }

    /** SMS opt-out keyword (STOP, END, CANCEL, UNSUBSCRIBE, QUIT, STOPALL): never answered by the bot. */
    record OptOut() implements Intent {
        @Override
        public String name() {
            return "OPT_OUT";
        }
    }

    /** SMS opt-in keyword (START, UNSTOP, YES): the opt-out is lifted; Twilio itself confirms it. */
    record OptIn() implements Intent {
        @Override
        public String name() {
            return "OPT_IN";
        }
    }

    /** Anything else: answered with the help text and an example. */
    record Unknown() implements Intent {
        @Override
        public String name() {
            return "UNKNOWN";
        }
    }

    /**
     * A one-time code sent back by a sender who was offered one (six digits alone, while a code is pending for the
     * sender: recognised by {@code identity.CodeVerifier}, not by the keyword rules). Stored as {@code VERIFICATION_CODE}.
     *
     * @param code the six digits
     */
    record VerificationCode(String code) implements Intent {
        @Override
        public String name() {
            return "VERIFICATION_CODE";
        }

        @Override
        public String toString() {
            return "VerificationCode[code=••••••]";
        }
    }
}
