package gov.tawasul.engine.intent;

import java.util.Locale;
import java.util.Set;

/**
 * The keyword sets of the {@link IntentRecognizer}, each a {@link KeywordSet} (folded by
 * {@link gov.tawasul.engine.text.KeywordFolding}, like the messages they are compared with). The request for a person
 * has its own sets ({@link PersonRequest}). Thread-safe (immutable).
 */
final class Keywords {

    /**
     * Twilio's default opt-out keywords (https://help.twilio.com/articles/223134027): on a message that is exactly one
     * of them (any case, surrounding spaces) Twilio itself records the opt-out and answers the citizen.
     */
    static final Set<String> TWILIO_OPT_OUT = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    /** Twilio's default opt-in keywords: Twilio lifts the opt-out and answers. */
    static final Set<String> TWILIO_OPT_IN = Set.of("START", "UNSTOP", "YES");

    /** A whole SMS that opts out: Twilio's words and the Arabic ones, which Twilio does not know. */
    static final KeywordSet OPT_OUT = KeywordSet.of(TWILIO_OPT_OUT.toArray(String[]::new))
            .with(KeywordSet.of("إيقاف", "ايقاف", "أوقف", "اوقف", "توقف", "إلغاء", "الغاء", "إلغاء الاشتراك",
                    "الغاء الاشتراك", "إيقاف الرسائل", "ايقاف الرسائل"));
    /** A whole SMS that opts in again. */
    static final KeywordSet OPT_IN = KeywordSet.of(TWILIO_OPT_IN.toArray(String[]::new))
            .with(KeywordSet.of("اشتراك", "الاشتراك", "تفعيل", "إعادة الاشتراك", "اعادة الاشتراك"));

    /** A word anywhere in a message asking for help ({@code ?} alone is help too: see the recogniser). */
    static final KeywordSet HELP = KeywordSet.of("help", "info", "مساعدة", "ساعدني", "ساعدوني");

    /** Longest greeting, thanks or "status?" message, in words. */
    static final int MAX_SHORT_MESSAGE_WORDS = 8;

    /** Greetings with the peace ({@code السلام عليكم}), answered with {@code وعليكم السلام}. */
    static final KeywordSet SALAM = KeywordSet.of("السلام عليكم", "سلام عليكم", "السلام", "سلام", "salam",
            "salaam", "assalamu alaikum", "salam alaikum");
    /** Greetings. */
    static final KeywordSet GREETING = SALAM.with(KeywordSet.of("hi", "hello", "hey", "hiya", "greetings",
            "good morning", "good afternoon", "good evening", "مرحبا", "مرحبتين", "مرحبًا", "اهلا", "أهلاً", "هلا",
            "هاي", "صباح الخير", "مساء الخير", "صباح النور", "مساء النور", "السلام عليكم ورحمة الله وبركاته"));
    /** Words around a greeting. */
    static final KeywordSet GREETING_FILLERS = KeywordSet.of("there", "all", "everyone", "team", "and", "ورحمة",
            "الله", "وبركاته", "بك", "بكم", "وسهلا", "يا", "و", "اخي", "اختي");

    /** Thanks. */
    static final KeywordSet THANKS = KeywordSet.of("thanks", "thank you", "thank u", "thx", "thanx", "ty", "cheers",
            "شكرا", "شكرًا", "شكراً", "مشكور", "مشكورين", "مشكوره", "يعطيك العافية", "يعطيكم العافية",
            "جزاك الله خير", "جزاكم الله خير", "تسلم", "تسلمون", "الله يعطيك العافية");
    /** Words around thanks (and greetings: "hi, thanks"). */
    static final KeywordSet THANKS_FILLERS = GREETING.with(GREETING_FILLERS).with(KeywordSet.of("so", "very",
            "much", "a", "lot", "again", "ok", "okay", "great", "you", "for", "the", "help", "your", "جزيلا", "لك",
            "لكم", "كثير", "كثيرا", "خيرا", "على", "المساعدة", "ما", "قصرت", "قصرتوا", "ماقصرت", "تمام", "طيب"));

    /** Asking how a case stands, without a number. */
    static final KeywordSet STATUS = KeywordSet.of("status", "update", "updates", "progress", "news", "حالة",
            "الحالة", "وضع", "الوضع", "وش صار", "ايش صار", "إيش صار", "شو صار", "ويش صار", "وين وصلت", "وين صارت",
            "متى تخلص", "جديد", "مستجدات");
    /** Words around a "status?" question. */
    static final KeywordSet STATUS_FILLERS = GREETING.with(KeywordSet.of("my", "the", "of", "on", "what", "whats",
            "what's", "s", "is", "any", "case", "request", "application", "transaction", "please", "check", "me",
            "about", "معاملتي", "طلبي", "قضيتي", "القضية", "المعاملة", "الطلب", "معاملة", "قضية", "على", "عن", "في",
            "ايش", "وش", "شو", "ما", "هي", "لو", "سمحت", "فضلك", "من", "ابي", "ابغى", "اعرف", "أريد", "اريد",
            "معرفة", "كيف", "صار", "فيه", "هل", "اي", "أي"));

    private Keywords() {
    }

    /** @return whether the raw text is exactly one of Twilio's own keywords in {@code words} (Twilio answers it) */
    static boolean isTwilioKeyword(Set<String> words, String normalizedText) {
        return words.contains(normalizedText.strip().toUpperCase(Locale.ROOT));
    }
}
