package gov.tawasul.staff.reports;

import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tables the reports read by today's ranges are vacuumed after every 10,000 rows inserted, whatever their size
 * (V28), so that the visibility map covers the day's rows and the reports' index-only scans skip the heap.
 */
@QuarkusTest
class MessageTablesVacuumTest {

    @Test
    void insertTriggeredVacuumDoesNotGrowWithTheTable() {
        for (String table : new String[] {"inbound_message", "outbound_message", "case_query", "delivery_receipt"}) {
            String options = (String) TestDb.value(
                    "select array_to_string(reloptions, ',') from pg_class where relname = ?", table);
            assertThat(options).as(table).isEqualTo(
                    "autovacuum_vacuum_insert_threshold=10000,autovacuum_vacuum_insert_scale_factor=0");
        }
    }
}
