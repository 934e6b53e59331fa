package gov.tawasul.engine.intent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Suggests the case number a citizen most likely meant when a <b>normalised</b> text has digits but no case number
 * of the configured pattern ({@code tawasul.engine.case-number-pattern}). The suggestion comes from the shape of the
 * text alone — it never looks at the case table, so that it says nothing about which numbers exist.
 * <p>
 * A <em>digit group</em> is a run of ASCII digits in the text; groups joined by one separator ({@code - / . _},
 * an en or em dash, the minus sign, or one space) are one <em>token</em>, e.g. {@code 1446 000123} or
 * {@code 1446.000123}. A token (of at most {@value #MAX_DIGITS} digits) is <em>close</em> to a case number when
 * exactly one distinct string that the pattern matches as a whole is reached by the first of these repairs that
 * reaches any:
 * <ol>
 *   <li><b>separators</b> — the same digits, in the same order: the token's groups joined by {@code -} or by
 *       {@code /}, or all digits with no separator, or with one {@code -} or {@code /} anywhere
 *       ({@code 1446000123}, {@code 1446 000123}, {@code 1446.000123}, {@code 144-6000123} → {@code 1446-000123}
 *       under the pattern {@code [0-9]{4}-[0-9]{6}});</li>
 *   <li><b>one digit too many</b> — a digit removed from a run of the same digit (a key pressed twice:
 *       {@code 1446-0000123} → {@code 1446-000123});</li>
 *   <li><b>one digit too few</b> — a digit added to a run of the same digit of at least two digits, or to a leading
 *       zero of a group (a key press lost: {@code 1446-00123} → {@code 1446-000123}).</li>
 * </ol>
 * After a digit repair, a token typed with separators keeps its groups (joined by {@code -} or {@code /}); one typed
 * without any may take one separator anywhere. When a repair reaches several numbers, the text is ambiguous and
 * nothing is suggested (no guess at which digit is wrong: {@code 14460000123} could be {@code 1460-000123} or
 * {@code 1446-000123}); a digit that is neither doubled nor missing from a run is never guessed. The first token
 * with a suggestion wins; at most {@value #MAX_TOKENS} tokens are looked at (a few thousand pattern matches at
 * most, a few milliseconds for the worst text on a loaded machine; microseconds for an ordinary message). Pure and
 * thread-safe.
 */
final class NearMissNumbers {

    /** Longest token looked at, in digits (longer ones are not numbers a citizen typed by hand). */
    static final int MAX_DIGITS = 20;
    /** Most tokens looked at in one text (a long e-mail stays cheap: at most a few thousand pattern matches). */
    static final int MAX_TOKENS = 3;

    private static final Pattern TOKEN = Pattern.compile("[0-9]+(?:[-/._\u2013\u2014\u2212 ][0-9]+)*");
    private static final String[] SEPARATORS = {"-", "/"};

    private final Pattern caseNumber;

    /** @param caseNumber the configured case-number pattern */
    NearMissNumbers(Pattern caseNumber) {
        this.caseNumber = caseNumber;
    }

    /**
     * @param normalizedText a normalised text in which the pattern finds no case number
     * @return the one case number the text is close to, or empty
     */
    Optional<String> suggest(String normalizedText) {
        Matcher m = TOKEN.matcher(normalizedText);
        for (int tokens = 0; tokens < MAX_TOKENS && m.find(); tokens++) {
            Optional<String> suggestion = suggestFor(m.group());
            if (suggestion.isPresent()) {
                return suggestion;
            }
        }
        return Optional.empty();
    }

    private Optional<String> suggestFor(String token) {
        List<String> groups = List.of(token.split("[^0-9]"));
        String digits = String.join("", groups);
        if (digits.length() > MAX_DIGITS) {
            return Optional.empty();
        }
        boolean typedSeparators = groups.size() > 1;
        Set<String> found = new LinkedHashSet<>();
        withSeparators(groups, true, found);
        if (found.isEmpty()) {
            for (List<String> fewer : edits(groups, false)) {
                withSeparators(fewer, !typedSeparators, found);
            }
        }
        if (found.isEmpty()) {
            for (List<String> more : edits(groups, true)) {
                withSeparators(more, !typedSeparators, found);
            }
        }
        return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
    }

    /** Adds each arrangement of separators of {@code groups} that the pattern matches whole to {@code found}. */
    private void withSeparators(List<String> groups, boolean anywhere, Set<String> found) {
        for (String separator : SEPARATORS) {
            check(String.join(separator, groups), found);
        }
        if (!anywhere) {
            return;
        }
        String digits = String.join("", groups);
        check(digits, found);
        for (int at = 1; at < digits.length(); at++) {
            for (String separator : SEPARATORS) {
                check(digits.substring(0, at) + separator + digits.substring(at), found);
            }
        }
    }

    private void check(String candidate, Set<String> found) {
        if (found.size() < 2 && caseNumber.matcher(candidate).matches()) {
            found.add(candidate);
        }
    }

    /**
     * @param add false: one digit removed from a run of the same digit; true: one digit added to a run of at least
     *            two, or to a group's leading zero
     * @return every such edit of the groups (a group never becomes empty)
     */
    private static List<List<String>> edits(List<String> groups, boolean add) {
        List<List<String>> edits = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            String group = groups.get(g);
            for (int i = 0; i < group.length(); i++) {
                int runStart = i;
                while (i + 1 < group.length() && group.charAt(i + 1) == group.charAt(runStart)) {
                    i++;
                }
                int run = i - runStart + 1;
                boolean leadingZero = runStart == 0 && group.charAt(0) == '0';
                String edited = null;
                if (!add && run >= 2) {
                    edited = group.substring(0, i) + group.substring(i + 1);
                } else if (add && (run >= 2 || leadingZero)) {
                    edited = group.substring(0, i + 1) + group.charAt(i) + group.substring(i + 1);
                }
                if (edited != null) {
                    List<String> copy = new ArrayList<>(groups);
                    copy.set(g, edited);
                    edits.add(copy);
                }
            }
        }
        return edits;
    }
}
