package gov.tawasul.channels.common;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks of one credential setting, each naming the setting in its finding: set or not, a known placeholder
 * ({@code change-me}, {@code your_auth_token}, {@code xxx…}, all zeros, …), or not of the provider's format.
 */
public final class Secrets {

    private static final Set<String> PLACEHOLDERS = Set.of("change-me", "changeme", "change_me", "placeholder",
            "secret", "password", "token", "todo", "test", "example", "dummy", "none", "null", "your_auth_token",
            "your-auth-token", "your_token", "your-token", "your_app_secret", "your-app-secret", "replace-me",
            "replace_me", "set-me", "fixme");
    private static final Pattern REPEATED = Pattern.compile("(?i)^(?:[a-z]{2})?([0x*.-])\\1+$");

    private Secrets() {
    }

    /** @return the value when set and not blank */
    public static Optional<String> value(Optional<String> setting) {
        return setting.map(String::strip).filter(s -> !s.isEmpty());
    }

    /** @return whether {@code value} is a known placeholder (a word of the list, or one character repeated) */
    public static boolean isPlaceholder(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return PLACEHOLDERS.contains(v) || REPEATED.matcher(v).matches() || v.startsWith("your-")
                || v.startsWith("your_") || v.contains("change-me") || v.contains("changeme");
    }

    /**
     * Adds to {@code problems} what is wrong with a set value: a placeholder, or not matching {@code format}.
     *
     * @param setting    name and environment variable, e.g. {@code tawasul.twilio.auth-token (TWILIO_AUTH_TOKEN)}
     * @param formatText the format in words, e.g. {@code 32 hexadecimal characters}
     */
    public static void check(String setting, String value, Pattern format, String formatText, List<String> problems) {
        if (isPlaceholder(value)) {
            problems.add(setting + ": a placeholder, not a real credential");
        } else if (format != null && !format.matcher(value.strip()).matches()) {
            problems.add(setting + ": not " + formatText);
        }
    }
}
