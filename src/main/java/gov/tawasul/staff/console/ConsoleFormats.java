package gov.tawasul.staff.console;

import gov.tawasul.staff.view.ConsoleTime;
import io.quarkus.qute.TemplateExtension;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Template extensions of the console: times in the agency's zone (Hijri and Gregorian in Arabic), waiting
 * durations. In templates: {@code {msg.at.shown(page.lang)}}, {@code {msg.at.iso}},
 * {@code {line.waitingSince.waited(list.now, page.lang)}}.
 */
@TemplateExtension
public final class ConsoleFormats {

    /** The zone staff read times in. */
    static final ZoneId ZONE = ZoneId.of("Asia/Riyadh");

    private ConsoleFormats() {
    }

    /** @return the time as staff read it in {@code lang} */
    static String shown(Instant at, String lang) {
        return ConsoleTime.format(at, ZONE, lang);
    }

    /** @return ISO-8601 with offset, for {@code <time datetime>} */
    static String iso(Instant at) {
        return ConsoleTime.iso(at, ZONE);
    }

    /** @return how long from {@code since} to {@code now}, e.g. {@code 12 min} */
    static String waited(Instant since, Instant now, String lang) {
        return since == null ? "" : ConsoleTime.duration(since, now, lang);
    }
}
