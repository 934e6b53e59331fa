package gov.tawasul.staff.desk;

/**
 * What a reply being typed would cost and whether it could leave, shown under the reply box as one types.
 *
 * @param units      characters (UTF-16 units) typed
 * @param limit      the channel's longest text
 * @param segments   SMS segments the text would be billed as (after GSM-7 folding), or null off SMS
 * @param encoding   {@code GSM-7} or {@code UCS-2} on SMS, else null
 * @param refusalKey the message key saying why it cannot be sent now ({@code refusedOPTED_OUT}…), or null
 */
public record ReplyPreview(int units, int limit, Integer segments, String encoding, String refusalKey) {

    /** @return whether the text is over the channel's limit */
    public boolean tooLong() {
        return units > limit;
    }
}
