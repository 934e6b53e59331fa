package gov.tawasul.bench.jmh;

import gov.tawasul.engine.EngineConfig;
import gov.tawasul.engine.intent.CaseNumberRecognizer;
import gov.tawasul.engine.text.TextNormalizer;
import io.smallrye.config.WithDefault;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Text normalisation ({@link TextNormalizer}) and case-number recognition ({@link CaseNumberRecognizer} with the
 * default {@code tawasul.engine.case-number-pattern}) on the texts citizens send: Arabic with Arabic-Indic digits
 * and a right-to-left mark, plain English, and a long Arabic text with tatweel and Persian digits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TextBench {

    @Param({"arabic", "english", "long"})
    public String text;

    private String input;
    private String normalized;
    private CaseNumberRecognizer recognizer;

    @Setup
    public void setUp() throws Exception {
        input = switch (text) {
            case "arabic" -> "ما حالة القضية رقم \u200F١٤٤٦-٠٠٠١٢٣\u200F لو سمحت؟";
            case "english" -> "Hello, what is the status of case 1446-000123 please?";
            default -> "السلام عليكم ورحمة الله وبركاته، أرجو الاستعلام عن حالة المعــــاملة رقم ۴۵۱۲۸۷۳ "
                    + "والمعاملة الأخرى ١٤٤٦/٠٠٠٧٧٧ المقدمة باسم والدي، وشكراً جزيلاً لكم على حسن التعاون \u061C";
        };
        normalized = TextNormalizer.normalize(input);
        String pattern = EngineConfig.class.getMethod("caseNumberPattern").getAnnotation(WithDefault.class).value();
        recognizer = new CaseNumberRecognizer(pattern);
    }

    @Benchmark
    public String normalize() {
        return TextNormalizer.normalize(input);
    }

    @Benchmark
    public List<String> recognizeCaseNumbers() {
        return recognizer.find(normalized);
    }

    @Benchmark
    public boolean detectArabic() {
        return TextNormalizer.hasArabicLetter(normalized);
    }
}
