package gov.tawasul.staff.console;

import gov.tawasul.staff.desk.ConversationLine;

import java.time.Instant;
import java.util.List;

/**
 * The conversation list as a page or a fragment renders it.
 *
 * @param lines    the lines of this page
 * @param form     the filter as the staff member set it (to fill the form and the "older" link)
 * @param next     the cursor of the next page, or null at the end
 * @param now      the time waiting durations count to
 * @param selected the conversation shown beside the list, or 0
 */
public record ListView(List<ConversationLine> lines, FilterForm form, String next, Instant now, long selected) {

    /** A choice of a filter's select. @param value the query value @param labelKey its message key */
    public record Option(String value, String labelKey) {
    }

    /** @return the channels the channel filter offers */
    public List<Option> channels() {
        return java.util.Arrays.stream(gov.tawasul.engine.model.Channel.values())
                .map(c -> new Option(c.wireName(), "channel" + c.name())).toList();
    }

    /** @return the states the state filter offers, waiting first */
    public List<Option> states() {
        return java.util.stream.Stream.of("WAITING_FOR_AGENT", "WITH_AGENT", "BOT", "CLOSED")
                .map(s -> new Option(s, "state" + s)).toList();
    }

    /**
     * The list filter as typed in the form (and as query parameters of {@code /console} and its fragments).
     * Empty strings and false do not filter.
     */
    public record FilterForm(String channel, String state, String department, boolean failed, boolean optedOut,
                             boolean mine, boolean unassigned, String q) {

        /** @return the filter as a query string, without cursor, e.g. {@code channel=sms&failed=true} */
        public String query() {
            StringBuilder b = new StringBuilder();
            add(b, "channel", channel);
            add(b, "state", state);
            add(b, "department", department);
            add(b, "q", q);
            if (failed) add(b, "failed", "true");
            if (optedOut) add(b, "optedOut", "true");
            if (mine) add(b, "mine", "true");
            if (unassigned) add(b, "unassigned", "true");
            return b.toString();
        }

        private static void add(StringBuilder b, String name, String value) {
            if (value == null || value.isBlank()) {
                return;
            }
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(name).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
