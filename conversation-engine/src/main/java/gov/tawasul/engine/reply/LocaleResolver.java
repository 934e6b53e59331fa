package gov.tawasul.engine.reply;

import gov.tawasul.engine.EngineConfig;
import gov.tawasul.engine.text.TextNormalizer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Chooses the reply language: Arabic when the message contains Arabic letters, English when it contains Latin
 * letters, otherwise the conversation's last language, otherwise {@code tawasul.engine.default-locale}.
 */
@ApplicationScoped
public class LocaleResolver {

    private final String defaultLocale;

    public LocaleResolver(EngineConfig config) {
        this.defaultLocale = config.defaultLocale();
    }

    /**
     * @param normalizedText the normalised text
     * @param lastLocale     the conversation's last reply language, or null
     * @return {@code "ar"} or {@code "en"}
     */
    public String resolve(String normalizedText, String lastLocale) {
        if (TextNormalizer.hasArabicLetter(normalizedText)) {
            return "ar";
        }
        if (TextNormalizer.hasLatinLetter(normalizedText)) {
            return "en";
        }
        return lastLocale != null ? lastLocale : defaultLocale;
    }
}
