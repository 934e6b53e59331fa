package gov.tawasul.channels.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One row of a channel's webhook table: "given this, send this request signed this way → expect this answer, these
 * rows of the channel in PostgreSQL, and these sends at the provider". {@link WebhookHarness#run} runs it on a
 * cleaned channel. Displayed by its label ({@code @ParameterizedTest(name = "{0}")}).
 * <p>
 * Every list of rows is the channel's whole table after the request, compared row by row in order (inbound by id;
 * outbound by recipient, then id; receipts by id; opt-outs by citizen): an empty list means "nothing stored". Only
 * {@link #outbound} and {@link #sentTo} may be unchecked (null), because the bot's reply is produced after the
 * answer: a row that checks them first waits for the app to settle ({@link WebhookHarness#SETTLE}).
 * Conversations are always checked for orphans: a conversation of the channel without any message fails the row.
 *
 * @param label    what the row shows, e.g. {@code "forged signature → 403, nothing stored"}
 * @param given    steps run before the request
 * @param request  the raw request
 * @param signing  how it is signed
 * @param response the expected answer
 * @param inbound  the channel's inbound messages, as committed before the answer
 * @param receipts the channel's delivery receipts
 * @param optOuts  the channel's opt-outs
 * @param sentTo   recipients of the provider API's send calls, in any order, once settled; null: not checked
 * @param outbound the channel's outbound messages, once settled if {@code sentTo} is checked; null: not checked
 */
public record WebhookCase(String label, List<Given> given, WebhookRequest request, Signing signing,
                          ExpectedResponse response, List<ExpectedInbound> inbound, List<ExpectedReceipt> receipts,
                          List<ExpectedOptOut> optOuts, List<String> sentTo, List<ExpectedOutbound> outbound) {

    public WebhookCase {
        Objects.requireNonNull(label);
        Objects.requireNonNull(request, () -> label + ": no request");
        Objects.requireNonNull(signing, () -> label + ": no signing");
        Objects.requireNonNull(response, () -> label + ": no expected response");
        given = List.copyOf(given);
        inbound = List.copyOf(inbound);
        receipts = List.copyOf(receipts);
        optOuts = List.copyOf(optOuts);
        sentTo = sentTo == null ? null : List.copyOf(sentTo);
        outbound = outbound == null ? null : List.copyOf(outbound);
    }

    /** @return a row under construction: {@code row("…").request(…).expect(…).inbound(…)} */
    public static Builder row(String label) {
        return new Builder(label);
    }

    @Override
    public String toString() {
        return label;
    }

    /** Builds a {@link WebhookCase}, one call per column of the table; unset lists are empty, unset checks null. */
    public static final class Builder {
        private final String label;
        private final List<Given> given = new ArrayList<>();
        private WebhookRequest request;
        private Signing signing;
        private ExpectedResponse response;
        private List<ExpectedInbound> inbound = List.of();
        private List<ExpectedReceipt> receipts = List.of();
        private List<ExpectedOptOut> optOuts = List.of();
        private List<String> sentTo;
        private List<ExpectedOutbound> outbound;

        private Builder(String label) {
            this.label = label;
        }

        public Builder given(Given... steps) {
            given.addAll(Arrays.asList(steps));
            return this;
        }

        public Builder request(WebhookRequest request, Signing signing) {
            this.request = request;
            this.signing = signing;
            return this;
        }

        public Builder expect(ExpectedResponse response) {
            this.response = response;
            return this;
        }

        public Builder inbound(ExpectedInbound... rows) {
            inbound = List.of(rows);
            return this;
        }

        public Builder receipts(ExpectedReceipt... rows) {
            receipts = List.of(rows);
            return this;
        }

        public Builder optOuts(ExpectedOptOut... rows) {
            optOuts = List.of(rows);
            return this;
        }

        /** The provider API was asked to send to exactly these recipients (none: nothing was sent). */
        public Builder sentTo(String... recipients) {
            sentTo = List.of(recipients);
            return this;
        }

        public Builder outbound(ExpectedOutbound... rows) {
            outbound = List.of(rows);
            return this;
        }

        /**
         * Once settled, nothing was sent and the channel holds no outbound message: with no inbound message
         * expected, the request left no conversation either (the rows of a refused request).
         */
        public Builder nothingSent() {
            return sentTo().outbound();
        }

        public WebhookCase build() {
            return new WebhookCase(label, given, request, signing, response, inbound, receipts, optOuts, sentTo,
                    outbound);
        }
    }
}
