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

    /**
     * SMS opt-out: Twilio's keywords (STOP, END, CANCEL, UNSUBSCRIBE, QUIT, STOPALL), Twilio's {@code OptOutType=STOP},
     * or an Arabic one ({@code إيقاف}, {@code الغاء}, {@code توقف}, …), the whole message.
     *
     * @param providerConfirms true when Twilio handled the message itself (one of its keywords exactly, or it said
     *                         so with {@code OptOutType}) and answers the citizen: the bot stays silent; false when
     *                         only the bot knows the word: the bot confirms, once
     */
    record OptOut(boolean providerConfirms) implements Intent {
        /** An opt-out Twilio handles and confirms. */
        public OptOut() {
            this(true);
        }

        @Override
        public String name() {
            return "OPT_OUT";
        }
    }

    /**
     * SMS opt-in: Twilio's keywords (START, UNSTOP, YES), {@code OptOutType=START}, or an Arabic one
     * ({@code اشتراك}, {@code تفعيل}), the whole message: the opt-out is lifted.
     *
     * @param providerConfirms true when Twilio handled it and answers; false when the bot confirms
     */
    record OptIn(boolean providerConfirms) implements Intent {
        /** An opt-in Twilio handles and confirms. */
        public OptIn() {
            this(true);
        }

        @Override
        public String name() {
            return "OPT_IN";
        }
    }

    /**
     * A greeting alone ({@code السلام عليكم}, {@code مرحبا}, {@code hi}, {@code hello}): a short answer saying how to
     * ask, not the help text.
     *
     * @param salam the greeting was the peace ({@code السلام عليكم}): the answer returns it ({@code وعليكم السلام})
     */
    record Greeting(boolean salam) implements Intent {
        @Override
        public String name() {
            return "GREETING";
        }
    }

    /** Thanks alone ({@code شكرا}, {@code thanks}, {@code thank you so much}): a short polite answer. */
    record Thanks() implements Intent {
        @Override
        public String name() {
            return "THANKS";
        }
    }

    /**
     * A status question without a number ({@code status?}, {@code حالة؟}, {@code وش صار على معاملتي}): about the
     * conversation's last case ({@code conversation.case_numbers[1]}) when it has one, answered as a
     * {@link CaseStatus} of that number (so the disclosure rules apply); else the bot asks for the number.
     */
    record StatusOfLastCase() implements Intent {
        @Override
        public String name() {
            return "LAST_CASE";
        }
    }

    /**
     * Digits close to a case number but not one ({@link NearMissNumbers}): "did you mean …?", with the suggestion as
     * a quick reply where the channel has them.
     *
     * @param suggestion the case number the text is close to, derived from the text alone
     */
    record NearMiss(String suggestion) implements Intent {
        @Override
        public String name() {
            return "NEAR_MISS";
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
