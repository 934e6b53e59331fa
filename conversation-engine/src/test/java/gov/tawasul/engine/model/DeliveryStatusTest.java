package gov.tawasul.engine.model;

import org.junit.jupiter.api.Test;

import static gov.tawasul.engine.model.DeliveryStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryStatusTest {

    @Test
    void movesForwardOnly() {
        assertThat(QUEUED.canMoveTo(SENDING)).isTrue();
        assertThat(SENT.canMoveTo(DELIVERED)).isTrue();
        assertThat(DELIVERED.canMoveTo(READ)).isTrue();
        assertThat(DELIVERED.canMoveTo(SENT)).isFalse();
        assertThat(DELIVERED.canMoveTo(SENDING)).isFalse();
        assertThat(SENT.canMoveTo(SENDING)).isFalse();
        assertThat(READ.canMoveTo(DELIVERED)).isFalse();
        assertThat(SENT.canMoveTo(SENT)).isFalse();
    }

    @Test
    void failuresAreFinalAndOnlyReplaceEarlierStates() {
        assertThat(SENT.canMoveTo(UNDELIVERED)).isTrue();
        assertThat(QUEUED.canMoveTo(FAILED)).isTrue();
        assertThat(DELIVERED.canMoveTo(UNDELIVERED)).isFalse();
        assertThat(UNDELIVERED.canMoveTo(DELIVERED)).isFalse();
        assertThat(FAILED.canMoveTo(SENT)).isFalse();
        assertThat(UNDELIVERED.canMoveTo(FAILED)).isFalse();
    }

    @Test
    void parsesTwilioStatusNames() {
        assertThat(fromProvider("delivered")).isEqualTo(DELIVERED);
        assertThat(fromProvider("accepted")).isEqualTo(QUEUED);
        assertThat(fromProvider("UNDELIVERED")).isEqualTo(UNDELIVERED);
        assertThat(fromProvider("canceled")).isEqualTo(FAILED);
        assertThatThrownBy(() -> fromProvider("teleported")).isInstanceOf(IllegalArgumentException.class);
    }
}
