package gov.tawasul.staff.console;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.staff.desk.ConversationLine;
import gov.tawasul.staff.view.AddressMask;
import gov.tawasul.staff.view.ConsoleTime;
import io.quarkus.qute.TemplateExtension;

import io.quarkus.qute.RawString;

import java.time.Instant;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Template extensions of the console: times in the agency's zone (Hijri and Gregorian in Arabic), waiting
 * durations, the citizen's label. In templates: {@code {msg.at.shown(page.lang)}}, {@code {msg.at.iso}},
 * {@code {line.waitingSince.waited(list.now, page.lang)}}, {@code {line.citizenLabel(page.lang)}}.
 */
@TemplateExtension
public final class ConsoleFormats {

    /** A number with separators (a case number, a date, a phone number) inside a text. */
    private static final Pattern NUMBER = Pattern.compile("[+]?[\\d٠-٩۰-۹]+(?:[-/.:][\\d٠-٩۰-۹]+)+");

    /** The zone staff read times in. */
    static final ZoneId ZONE = ZoneId.of("Asia/Riyadh");

    private ConsoleFormats() {
    }

    /** @return the time as staff read it in {@code lang} */
    static String shown(Instant at, String lang) {
        return ConsoleTime.format(at, ZONE, lang);
    }

    /** @return how the list and the transcript's head name the citizen ({@link AddressMask#label}) */
    static String citizenLabel(ConversationLine line, String lang) {
        return AddressMask.label(Channel.fromWireName(line.channel()), line.citizen(), lang);
    }

    /** @return ISO-8601 with offset, for {@code <time datetime>} */
    static String iso(Instant at) {
        return ConsoleTime.iso(at, ZONE);
    }

    /** @return how long from {@code since} to {@code now}, e.g. {@code 12 min} */
    static String waited(Instant since, Instant now, String lang) {
        return since == null ? "" : ConsoleTime.duration(since, now, lang);
    }

    /**
     * A message's text, HTML-escaped, with every number that has separators ({@code 1446-000123},
     * {@code 2024/12345}) isolated left to right in a {@code <bdi dir="ltr">}: in an Arabic sentence the Unicode
     * bidirectional algorithm would otherwise show {@code 1446-000123} as {@code 000123-1446}.
     */
    public static RawString isolated(String text) {
        if (text == null) {
            return new RawString("");
        }
        StringBuilder out = new StringBuilder(text.length() + 32);
        Matcher m = NUMBER.matcher(text);
        int last = 0;
        while (m.find()) {
            escape(text.substring(last, m.start()), out);
            out.append("<bdi dir=\"ltr\">");
            escape(m.group(), out);
            out.append("</bdi>");
            last = m.end();
        }
        escape(text.substring(last), out);
        return new RawString(out.toString());
    }

    private static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }
}
