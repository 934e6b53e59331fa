package gov.tawasul.staff.console;

import java.util.Locale;

/**
 * What the console's layout ({@code templates/console/layout.html}) needs on every page: who is signed in, the UI
 * language and its direction, and which section of the navigation is current.
 *
 * @param me      the signed-in staff member
 * @param lang    {@code ar} (right to left, the default) or {@code en}
 * @param section navigation section: {@code conversations}, {@code canned}, {@code audit}, {@code users}
 */
public record ConsolePage(ConsoleUser me, String lang, String section) {

    /** @return {@code rtl} for Arabic, else {@code ltr} */
    public String dir() {
        return "ar".equals(lang) ? "rtl" : "ltr";
    }

    /** @return the locale templates render messages and dates in */
    public Locale locale() {
        return Locale.forLanguageTag(lang);
    }
}
