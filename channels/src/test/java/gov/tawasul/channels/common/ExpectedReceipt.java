package gov.tawasul.channels.common;

/** An expected {@code delivery_receipt} row: a status report kept as it came. */
public final class ExpectedReceipt extends ExpectedRow<ExpectedReceipt> {

    private ExpectedReceipt() {
    }

    /** @return a receipt reporting {@code status} for the provider's message {@code providerMessageId} */
    public static ExpectedReceipt receipt(String providerMessageId, String status) {
        return new ExpectedReceipt().column("provider_message_id", providerMessageId).column("status", status);
    }

    public ExpectedReceipt errorCode(String code) {
        return column("error_code", code);
    }

    /** @param linked whether the receipt is linked to one of our outbound rows (false: kept pending) */
    public ExpectedReceipt linked(boolean linked) {
        return column("linked", linked);
    }
}
