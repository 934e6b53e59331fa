package gov.tawasul.engine.store;

/**
 * SQL shared by the stores' retention and erasure statements (each store writes only its own table with them): the
 * keyed hash that replaces an erased citizen address — {@code tawasul_address_hash(channel, address)}, migration V17:
 * {@code 'h:'} + 64 hex digits of SHA-256 over a secret made once in the database, the channel name and the address —
 * and the size of one batch.
 */
final class Redaction {

    /** Rows one retention statement changes at most (the job repeats until a batch is short). */
    static final int BATCH = 5_000;

    private Redaction() {
    }

    /** @return the SQL expression of the keyed hash of the address in column {@code address} of {@code channel} */
    static String hash(String channel, String address) {
        return "tawasul_address_hash(" + channel + ", " + address + ")";
    }
}
