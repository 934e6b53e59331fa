package gov.tawasul.staff.account;

import java.util.Locale;
import java.util.regex.Pattern;

/** How usernames are written: lower case, 2 to 64 of {@code a-z 0-9 . _ @ -}, starting with a letter or digit. */
public final class Usernames {

    /** Longest username. */
    public static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,63}");

    private Usernames() {
    }

    /** @return {@code typed} trimmed and lower-cased (usernames are case-insensitive); empty for null */
    public static String normalize(String typed) {
        return typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * @return the name a sign-in attempt is counted and recorded under: {@link #normalize normalized}, cut to
     *         {@value #MAX_LENGTH} characters (no account has a longer name)
     */
    public static String forLogin(String typed) {
        String name = normalize(typed);
        return name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name;
    }

    /** @return whether {@code username} (already normalized) may name an account */
    public static boolean isValid(String username) {
        return username != null && VALID.matcher(username).matches();
    }
}
