package gov.tawasul.engine.reply;

import gov.tawasul.engine.EngineConfig;
import gov.tawasul.engine.text.TextNormalizer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Chooses the reply language: Arabic when the message contains Arabic letters, English when it contains Latin
 * letters, otherwise (digits alone, a code, a button) the language the channel's page declares (the web chat's
 * {@code pageLocale}: {@code data-lang}, {@code /chat?lang=}), otherwise the conversation's last language, otherwise
 * {@code tawasul.engine.default-locale}.
 */
@ApplicationScoped
public class LocaleResolver {

    private final String defaultLocale;

    public LocaleResolver(EngineConfig config) {
        this.defaultLocale = config.defaultLocale();
    }

    /**
     * @param normalizedText the normalised text
     * @param pageLocale     the language the channel's page declares
     *                       ({@link gov.tawasul.engine.model.InboundMessage#ATTR_PAGE_LOCALE}), or null; anything but
     *                       {@code ar} or {@code en} is ignored
     * @param lastLocale     the conversation's last reply language, or null
     * @return {@code "ar"} or {@code "en"}
     */
    public String resolve(String normalizedText, String pageLocale, String lastLocale) {
        if (TextNormalizer.hasArabicLetter(normalizedText)) {
            return "ar";
        }
        if (TextNormalizer.hasLatinLetter(normalizedText)) {
            return "en";
        }
        if ("ar".equals(pageLocale) || "en".equals(pageLocale)) {
            return pageLocale;
        }
        return lastLocale != null ? lastLocale : defaultLocale;
    }
}
