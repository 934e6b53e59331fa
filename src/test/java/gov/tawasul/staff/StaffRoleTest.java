package gov.tawasul.staff;

import gov.tawasul.staff.account.StaffRole;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StaffRoleTest {

    @Test
    void eachRoleGrantsItselfAndTheRolesBelowIt() {
        assertThat(StaffRole.AGENT.granted()).containsExactly("AGENT");
        assertThat(StaffRole.SUPERVISOR.granted()).containsExactly("AGENT", "SUPERVISOR");
        assertThat(StaffRole.ADMIN.granted()).containsExactly("AGENT", "SUPERVISOR", "ADMIN");
        assertThat(StaffRole.ADMIN.includes(StaffRole.AGENT)).isTrue();
        assertThat(StaffRole.AGENT.includes(StaffRole.SUPERVISOR)).isFalse();
    }

    @Test
    void namesAreReadInAnyCaseAndTheHighestCounts() {
        assertThat(StaffRole.parse(" supervisor ")).contains(StaffRole.SUPERVISOR);
        assertThat(StaffRole.parse("root")).isEmpty();
        assertThat(StaffRole.parse(null)).isEmpty();
        assertThat(StaffRole.highestOf(List.of("agent", "offline_access", "Admin", "supervisor"))).contains(StaffRole.ADMIN);
        assertThat(StaffRole.highestOf(List.of("uma_authorization"))).isEmpty();
    }
}
