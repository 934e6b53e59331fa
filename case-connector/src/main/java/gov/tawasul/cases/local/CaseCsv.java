package gov.tawasul.cases.local;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads cases from CSV with Jackson's CSV module (jackson-dataformat-csv,
 * https://github.com/FasterXML/jackson-dataformats-text/tree/2.x/csv): UTF-8 (a leading byte-order mark is skipped;
 * Jackson also takes UTF-16 when a byte-order mark says so),
 * RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180): comma-separated, fields with commas, quotes or line breaks in
 * double quotes, {@code ""} for a quote inside them. Blank lines are skipped. The first line is a header naming the
 * columns, in any order and any letter case; unknown columns are ignored:
 * <ul>
 *   <li>{@code case_number} (required): ASCII digits, groups joined by {@code -} or {@code /}, at most 64 characters,
 *       e.g. {@code 1446-000123}, {@code 2024/12345}</li>
 *   <li>{@code status} (required): the case system's status code, e.g. {@code UNDER_REVIEW}</li>
 *   <li>{@code status_label_ar}, {@code status_label_en} (required): the status label, e.g. {@code قيد الدراسة},
 *       {@code Under review}</li>
 *   <li>{@code department_ar}, {@code department_en}, {@code next_step_ar}, {@code next_step_en} (optional, may be
 *       empty)</li>
 *   <li>{@code updated_at} (required): ISO-8601 date-time with offset, e.g. {@code 2026-11-20T09:30:00+03:00}</li>
 *   <li>{@code contacts} (optional): {@code channel:address} pairs separated by {@code ;}, see {@link Contacts}, e.g.
 *       {@code sms:+966500000001;twitter:1000000000000000002}</li>
 * </ul>
 * Values are stripped of surrounding white space. A bad file fails as a whole with an
 * {@link IllegalArgumentException} that names the source and, for a bad row, the line the row starts on.
 */
public final class CaseCsv {

    private static final ObjectReader ROWS = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_HEADER_SPACES, CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .build()
            .readerFor(CaseCsvRow.class)
            .with(CsvSchema.emptySchema().withHeader());

    private CaseCsv() {
    }

    /**
     * @param in     the file's bytes, read to the end; the caller closes it
     * @param source name of the source for error messages (file name)
     * @return the cases, in file order
     * @throws IllegalArgumentException for text that is not UTF-8, a missing header, a header that lacks a required
     *                                  column or names one twice, or a bad row (malformed CSV, more fields than the
     *                                  header, a bad value); the message names {@code source} and the line (1 for
     *                                  the header, else the line the row starts on)
     * @throws IOException when reading fails
     */
    public static List<CaseEntity> read(InputStream in, String source) throws IOException {
        int line = 1;
        try (MappingIterator<CaseCsvRow> rows = ROWS.readValues(in)) {
            boolean more = rows.hasNextValue();
            checkHeader((CsvSchema) rows.getParserSchema(), source);
            List<CaseEntity> cases = new ArrayList<>();
            while (more) {
                line = rows.getCurrentLocation().getLineNr();
                cases.add(entity(rows.nextValue(), source, line));
                more = rows.hasNextValue();
            }
            return cases;
        } catch (StreamReadException | CsvMappingException e) {
            throw bad(source, line, e.getOriginalMessage(), e);
        } catch (CharConversionException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** Checks the column names the header line gave {@code header}. */
    private static void checkHeader(CsvSchema header, String source) {
        Set<String> columns = new HashSet<>();
        for (String column : header.getColumnNames()) {
            if (!columns.add(column.toLowerCase(Locale.ROOT))) {
                throw bad(source, 1, "column '" + column + "' appears twice in the header", null);
            }
        }
        for (String required : CaseCsvRow.REQUIRED_COLUMNS) {
            if (!columns.contains(required)) {
                throw bad(source, 1, "column '" + required + "' missing from the header", null);
            }
        }
    }

    private static CaseEntity entity(CaseCsvRow row, String source, int line) {
        try {
            return row.toEntity();
        } catch (IllegalArgumentException e) {
            throw bad(source, line, e.getMessage(), e);
        }
    }

    private static IllegalArgumentException bad(String source, int line, String problem, Throwable cause) {
        return new IllegalArgumentException(source + ": line " + line + ": " + problem, cause);
    }
}
