package gov.tawasul.engine.identity;

/** What a code reply achieved ({@link CodeVerifier#verify}). */
public sealed interface Verification {

    /** The code was right: the sender is linked to the case now. */
    record Linked(String caseNumber) implements Verification {
    }

    /** The code was wrong; {@code triesLeft} more may be made. */
    record Wrong(int triesLeft) implements Verification {
    }

    /** No code is pending any more: expired, used up by wrong tries, or already used. */
    record Void() implements Verification {
    }
}
