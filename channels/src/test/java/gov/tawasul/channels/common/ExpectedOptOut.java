package gov.tawasul.channels.common;

/** An expected {@code opt_out} row: the pair that gets nothing any more, and why. */
public final class ExpectedOptOut extends ExpectedRow<ExpectedOptOut> {

    private ExpectedOptOut() {
    }

    public static ExpectedOptOut optOut(String citizen, String bot, String reason) {
        return new ExpectedOptOut().column("citizen_address", citizen).column("bot_address", bot)
                .column("reason", reason);
    }
}
