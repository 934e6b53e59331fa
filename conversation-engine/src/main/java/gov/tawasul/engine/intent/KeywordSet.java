package gov.tawasul.engine.intent;

import gov.tawasul.engine.text.KeywordFolding;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A set of keywords and short phrases, written as citizens write them ({@code "خدمة العملاء"}, {@code "thank you"})
 * and folded once, when the set is built, by {@link KeywordFolding} — the same function that folds every message —
 * so that no keyword list carries its own normalisation. Messages are compared as their folded
 * {@linkplain KeywordFolding#words words}. Immutable and thread-safe.
 */
final class KeywordSet {

    private final Set<List<String>> phrases = new HashSet<>();
    private int longest;

    private KeywordSet(List<String> entries) {
        for (String entry : entries) {
            List<String> words = KeywordFolding.words(entry);
            if (words.isEmpty()) {
                throw new IllegalArgumentException("a keyword without a letter or digit: '" + entry + "'");
            }
            phrases.add(List.copyOf(words));
            longest = Math.max(longest, words.size());
        }
    }

    /** @param entries keywords or phrases of a few words, in any spelling the folding brings together */
    static KeywordSet of(String... entries) {
        return new KeywordSet(List.of(entries));
    }

    /** @return a set of this set's phrases and {@code more}'s */
    KeywordSet with(KeywordSet more) {
        KeywordSet both = new KeywordSet(List.of());
        both.phrases.addAll(phrases);
        both.phrases.addAll(more.phrases);
        both.longest = Math.max(longest, more.longest);
        return both;
    }

    /** @return whether the folded words are exactly one of the phrases */
    boolean isWhole(List<String> words) {
        return phrases.contains(words);
    }

    /** @return whether one of the phrases occurs in the folded words */
    boolean occursIn(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            if (lengthAt(words, i) > 0) {
                return true;
            }
        }
        return false;
    }

    /** @return the word count of the longest phrase that starts at {@code words[from]}, 0 when none does */
    int lengthAt(List<String> words, int from) {
        for (int n = Math.min(longest, words.size() - from); n > 0; n--) {
            if (phrases.contains(words.subList(from, from + n))) {
                return n;
            }
        }
        return 0;
    }

    /**
     * Whether the whole message is made of these phrases — at least one — and otherwise only of {@code fillers}, in at
     * most {@code maxWords} words: so that "thank you so much" is thanks but "thanks, my case 12 is late" is not.
     *
     * @param words    the folded words of the message
     * @param fillers  the words allowed around the phrases
     * @param maxWords the longest message, in words
     */
    boolean isWholeMessage(List<String> words, KeywordSet fillers, int maxWords) {
        if (words.isEmpty() || words.size() > maxWords) {
            return false;
        }
        boolean found = false;
        for (int i = 0; i < words.size(); ) {
            int key = lengthAt(words, i);
            if (key > 0) {
                found = true;
                i += key;
                continue;
            }
            int filler = fillers.lengthAt(words, i);
            if (filler == 0) {
                return false;
            }
            i += filler;
        }
        return found;
    }
}
