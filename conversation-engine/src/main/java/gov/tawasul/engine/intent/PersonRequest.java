package gov.tawasul.engine.intent;

import java.util.List;

/**
 * Recognises a citizen asking to talk to a person, in a <b>normalised</b> text
 * ({@link gov.tawasul.engine.text.TextNormalizer}): the whole message is a request for a person — one of the words
 * for a person ({@code agent}, {@code human}, {@code person}, {@code representative}, {@code موظف},
 * {@code خدمة العملاء}, …), alone or with the few words such a request is made of ({@code talk to a …},
 * {@code I want …}, {@code أكلم}, {@code ابي}, {@code ابغى}, {@code اريد}, {@code لو سمحت}, …), in at most
 * {@value #MAX_WORDS} words. A longer message, or one with any other word ("my agent said the case is late"), is not
 * such a request, so that a word met in passing never takes the conversation from the bot. Words are compared
 * folded ({@link gov.tawasul.engine.text.KeywordFolding}: hamza forms, {@code ى}, {@code ة}, diacritics, repeated
 * letters). Case numbers are looked for before this (a case query is never a request for a person).
 * Thread-safe.
 */
final class PersonRequest {

    /** Longest message (in words) still read as a request for a person. */
    static final int MAX_WORDS = 8;

    /** Words and two-word names of a person to talk to. */
    static final KeywordSet PERSON = KeywordSet.of(
            "agent", "agents", "human", "humans", "person", "representative", "operator", "staff",
            "موظف", "الموظف", "موظفا", "موظفة", "الموظفة", "موظفين", "الموظفين",
            "customer service", "customer care", "customer support", "خدمة العملاء", "خدمة عملاء");

    /** Words a request for a person is made of besides the person. */
    static final KeywordSet REQUEST_WORDS = KeywordSet.of(
            // English
            "i", "d", "id", "m", "im", "want", "wanna", "would", "like", "need", "to", "talk", "speak", "chat",
            "with", "a", "an", "the", "real", "live", "actual", "please", "pls", "plz", "can", "could", "may",
            "let", "me", "member", "connect", "transfer", "get", "give", "hi", "hello", "hey", "now", "your", "one", "some",
            // Arabic
            "ابي", "ابا", "ابغى", "ابغا", "اريد", "بدي", "ودي", "عايز", "عاوز", "حاب", "احتاج", "ممكن",
            "أكلم", "كلم", "اتكلم", "اتحدث", "التحدث", "اتواصل", "التواصل", "تواصل", "حولني", "حولوني", "وصلني",
            "مع", "إلى", "لو", "سمحت", "سمحتي", "من", "فضلك", "فضلا", "رجاء", "يا", "مرحبا", "السلام", "عليكم",
            "اهلا", "اي", "احد", "واحد");

    private PersonRequest() {
    }

    /** @return whether the message's folded words ({@link gov.tawasul.engine.text.KeywordFolding#words}), as a
     *          whole, ask to talk to a person */
    static boolean matches(List<String> words) {
        return PERSON.isWholeMessage(words, REQUEST_WORDS, MAX_WORDS);
    }
}
