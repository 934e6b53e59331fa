package gov.tawasul.staff.view;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AddressMaskTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "+966500000001          | +9665••••0001",
            "+15555550100           | +1555••••0100",
            "whatsapp:+966500000001 | whatsapp:+9665••••0001",
            "2000000000000001       | ••••0001",
            "1234567890123456789    | ••••6789",
            "sara.ahmed@example.com | s•••@example.com",
            "123                    | ••••",
            "+12345                 | ••••2345",
    })
    void agentsSeeAddressesMasked(String address, String masked) {
        assertThat(AddressMask.show(new Address(Channel.SMS, address), false)).isEqualTo(masked);
    }

    @ParameterizedTest
    @CsvSource({"+966500000001", "2000000000000001"})
    void supervisorsSeeThemWhole(String address) {
        assertThat(AddressMask.show(new Address(Channel.FACEBOOK, address), true)).isEqualTo(address);
    }

    @Test
    void aWebChatVisitorIsNamedShortForEveryViewerAndOtherAddressesAsShown() {
        Address visitor = new Address(Channel.WEBCHAT, "q3LmZ0c9Rk2xYt7wPa1a2b");
        // a supervisor's whole id and an agent's masked one give the same short label
        assertThat(AddressMask.label(Channel.WEBCHAT, AddressMask.show(visitor, true), "ar"))
                .isEqualTo("زائر \u2066••1a2b\u2069");
        assertThat(AddressMask.label(Channel.WEBCHAT, AddressMask.show(visitor, false), "en"))
                .isEqualTo("Visitor \u2066••1a2b\u2069");
        assertThat(AddressMask.label(Channel.SMS, "+9665••••0001", "ar")).isEqualTo("+9665••••0001");
        assertThat(AddressMask.label(Channel.SMS, "+966500000001", "en")).isEqualTo("+966500000001");
    }
}
