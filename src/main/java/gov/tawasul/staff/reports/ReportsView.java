package gov.tawasul.staff.reports;

import gov.tawasul.staff.console.ConsolePage;

import java.util.Locale;

/**
 * What {@code templates/console/reports.html} shows: the figures, the form's values, the figures again as JSON for
 * the charts ({@code reports.js}), and number formats (Western digits, as the tables are read left to right).
 *
 * @param page    the console layout's data
 * @param period  the period shown
 * @param summary the figures
 * @param json    {@code summary} plus the charts' labels as JSON, safe inside a {@code <script>} element
 * @param query   the period as a query string ({@code from=…&to=…&channel=…}) for the export links
 */
public record ReportsView(ConsolePage page, ReportPeriod period, ReportSummary summary, String json, String query) {

    /** @return seconds with two decimals, or "–" */
    public String secs(Double seconds) {
        return seconds == null ? "–" : String.format(Locale.ROOT, "%.2f", seconds);
    }

    /** @return minutes with one decimal, or "–" */
    public String mins(Double seconds) {
        return seconds == null ? "–" : String.format(Locale.ROOT, "%.1f", seconds / 60);
    }

    /** @return a percentage with one decimal, or "–" */
    public String pct(Double fraction) {
        return fraction == null ? "–" : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** @return a traffic bucket as shown: the date alone for day buckets */
    public String bucketLabel(String bucket) {
        return "day".equals(period.bucket()) && bucket.endsWith("T00:00") ? bucket.substring(0, 10) : bucket.replace('T', ' ');
    }

    /** @return the message key of a channel's label ({@code channelSMS}, …) */
    public String channelKey(String wireName) {
        return "channel" + wireName.toUpperCase(Locale.ROOT);
    }

    /** @return every channel's wire name, for the channel filter */
    public java.util.List<String> channelNames() {
        return java.util.Arrays.stream(gov.tawasul.engine.model.Channel.values()).map(c -> c.wireName()).toList();
    }

    /** @return the SLA in whole minutes */
    public long slaMinutes() {
        return summary.handoffs().slaSeconds() / 60;
    }
}
