package gov.tawasul.engine.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationListCursorTest {

    @Test
    void aCursorSurvivesItsTokenToTheMicrosecond() {
        var cursor = new ConversationList.Cursor(true, Instant.parse("2026-12-02T11:05:00.123456Z"), 42);
        assertThat(cursor.token()).isEqualTo("1.1796209500123456.42");
        assertThat(ConversationList.Cursor.parse(cursor.token())).isEqualTo(cursor);
        var before1970 = new ConversationList.Cursor(false, Instant.parse("1969-12-31T23:59:59.999999Z"), 7);
        assertThat(ConversationList.Cursor.parse(before1970.token())).isEqualTo(before1970);
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[]{"", "1.2", "2.1.1", "1.x.1", "1.1.1.1", "1.1.y"}) {
            assertThatThrownBy(() -> ConversationList.Cursor.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
