package gov.tawasul.staff.view;

import gov.tawasul.engine.log.Masked;
import gov.tawasul.engine.model.Address;

/**
 * How an agent sees a citizen's address: masked as {@link Masked#address(String)} defines it (the same masking
 * as the logs: {@code +966500000001} → {@code +9665••••0001}, {@code s•••@example.com}, {@code ••••0001}).
 * Supervisors and admins see addresses whole.
 */
public final class AddressMask {

    private AddressMask() {
    }

    /**
     * @param address the address
     * @param whole   whether the viewer may see it whole (supervisor, admin)
     * @return the address as the viewer may see it
     */
    public static String show(Address address, boolean whole) {
        return whole ? address.value() : mask(address.value());
    }

    /** @return {@code value} masked ({@link Masked#address(String)}) */
    public static String mask(String value) {
        return Masked.address(value);
    }
}
