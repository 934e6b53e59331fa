package gov.tawasul.engine.intent;

import gov.tawasul.engine.EngineConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds case numbers in a <b>normalised</b> text ({@link gov.tawasul.engine.text.TextNormalizer}) with
 * {@code tawasul.engine.case-number-pattern}. Returns them in order of appearance, without repeats. The text is
 * never folded for keywords ({@link gov.tawasul.engine.text.KeywordFolding} would change nothing in digits, but
 * case numbers are read from the normalised text alone).
 */
@ApplicationScoped
public class CaseNumberRecognizer {

    private final Pattern pattern;

    @jakarta.inject.Inject
    public CaseNumberRecognizer(EngineConfig config) {
        this(config.caseNumberPattern());
    }

    /** @param regex the case-number pattern; the whole match is the case number */
    public CaseNumberRecognizer(String regex) {
        this.pattern = Pattern.compile(regex);
    }

    /** @return whether {@code text} is, as a whole, a case number of the pattern */
    public boolean isCaseNumber(String text) {
        return pattern.matcher(text).matches();
    }

    /** @return the configured case-number pattern */
    Pattern pattern() {
        return pattern;
    }

    /** @return every distinct case number in {@code normalizedText}, in order; empty when none */
    public List<String> find(String normalizedText) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = pattern.matcher(normalizedText);
        while (m.find()) {
            found.add(m.group());
        }
        return new ArrayList<>(found);
    }
}
