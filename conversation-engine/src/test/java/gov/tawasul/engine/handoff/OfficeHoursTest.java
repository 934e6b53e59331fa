package gov.tawasul.engine.handoff;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Office hours, in Riyadh (UTC+3, no daylight saving): 2026-12-03 is a Thursday, 12-04 Friday, 12-06 Sunday. */
class OfficeHoursTest {

    static final OfficeHours DEFAULT = OfficeHours.of(OfficeHours.DEFAULT_HOURS, OfficeHours.DEFAULT_ZONE);

    static Instant riyadh(String localDateTime) {
        return Instant.parse(localDateTime + ":00+03:00");
    }

    @ParameterizedTest(name = "{0} Riyadh → open {1}")
    @CsvSource({
            "2026-12-03T07:59, false",
            "2026-12-03T08:00, true",
            "2026-12-03T15:59, true",
            "2026-12-03T16:00, false",
            "2026-12-04T10:00, false",
            "2026-12-05T10:00, false",
            "2026-12-06T08:00, true",
            "2026-12-06T02:00, false"})
    void isOpen(String local, boolean open) {
        assertThat(DEFAULT.isOpen(riyadh(local))).isEqualTo(open);
    }

    @ParameterizedTest(name = "after {0} Riyadh → opens {1}")
    @CsvSource({
            "2026-12-03T10:00, 2026-12-03T10:00",
            "2026-12-03T06:00, 2026-12-03T08:00",
            "2026-12-03T16:00, 2026-12-06T08:00",
            "2026-12-04T12:00, 2026-12-06T08:00",
            "2026-12-06T07:59, 2026-12-06T08:00",
            "2026-12-01T23:30, 2026-12-02T08:00"})
    void nextOpening(String local, String expected) {
        assertThat(DEFAULT.nextOpening(riyadh(local))).isEqualTo(riyadh(expected));
    }

    @Test
    void officeDurationCountsOnlyOfficeTimeAcrossAWeekend() {
        // Thursday 15:00 → Sunday 09:30: one hour on Thursday, nothing on Friday and Saturday, 1.5 h on Sunday
        assertThat(DEFAULT.officeDuration(riyadh("2026-12-03T15:00"), riyadh("2026-12-06T09:30")))
                .isEqualTo(Duration.ofMinutes(150));
        // a whole week: 5 days × 8 hours
        assertThat(DEFAULT.officeDuration(riyadh("2026-12-05T00:00"), riyadh("2026-12-12T00:00")))
                .isEqualTo(Duration.ofHours(40));
    }

    @Test
    void officeDurationAcrossADayBoundary() {
        // Monday 14:00 → Tuesday 10:00: 2 h on Monday, 2 h on Tuesday; the night counts nothing
        assertThat(DEFAULT.officeDuration(riyadh("2026-11-30T14:00"), riyadh("2026-12-01T10:00")))
                .isEqualTo(Duration.ofHours(4));
        // midnight UTC is 03:00 in Riyadh: dates are the zone's
        assertThat(DEFAULT.officeDuration(Instant.parse("2026-11-30T23:00:00Z"), Instant.parse("2026-12-01T06:00:00Z")))
                .isEqualTo(Duration.ofHours(1));
        // within one period, outside any, reversed
        assertThat(DEFAULT.officeDuration(riyadh("2026-12-01T09:00"), riyadh("2026-12-01T09:45")))
                .isEqualTo(Duration.ofMinutes(45));
        assertThat(DEFAULT.officeDuration(riyadh("2026-12-04T09:00"), riyadh("2026-12-05T20:00"))).isZero();
        assertThat(DEFAULT.officeDuration(riyadh("2026-12-01T10:00"), riyadh("2026-12-01T09:00"))).isZero();
    }

    @Test
    void severalSpansListsAndWrappingRanges() {
        OfficeHours hours = OfficeHours.of("sat-mon 09:00-13:30; Wed,Thu 10:00-24:00", "Asia/Dubai");
        assertThat(hours.spans()).containsExactly(
                new OfficeHours.Span(List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY),
                        LocalTime.of(9, 0), LocalTime.of(13, 30)),
                new OfficeHours.Span(List.of(DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY), LocalTime.of(10, 0),
                        LocalTime.MAX));
        // Thursday 23:59 Dubai is open; Tuesday is not
        assertThat(hours.isOpen(Instant.parse("2026-12-03T23:59:00+04:00"))).isTrue();
        assertThat(hours.isOpen(Instant.parse("2026-12-01T10:00:00+04:00"))).isFalse();
        // Thursday 22:00 → Saturday 10:00: 2 h on Thursday, 1 h on Saturday
        assertThat(hours.officeDuration(Instant.parse("2026-12-03T22:00:00+04:00"),
                Instant.parse("2026-12-05T10:00:00+04:00"))).isEqualTo(Duration.ofHours(3));
        assertThat(OfficeHoursText.hours(hours, "en")).isEqualTo(
                "Saturday to Monday, 09:00–13:30; Wednesday, Thursday, 10:00–24:00 (Dubai time)");
        assertThat(OfficeHoursText.hours(hours, "ar")).isEqualTo(
                "من السبت إلى الاثنين، من 09:00 إلى 13:30؛ الأربعاء والخميس، من 10:00 إلى 24:00 بتوقيت دبي");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Sun-Thu", "Sun-Thu 8:00-16:00", "Sun-Thu 16:00-08:00", "Sun-Thu 08:00-08:00",
            "Sunday-Thu 08:00-16:00", "Sun-Thu 08:00-25:00", "Sun-Thu 08:00-16:00; Thu 18:00-20:00",
            "Sun,Sun 08:00-16:00", "Xyz 08:00-16:00", "Sun-Thu 08:00-16:00;"})
    void malformedHoursAreRefused(String hours) {
        assertThatThrownBy(() -> OfficeHours.of(hours, "Asia/Riyadh"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tawasul.staff.office-hours");
    }

    @Test
    void anUnknownZoneIsRefused() {
        assertThatThrownBy(() -> OfficeHours.of(OfficeHours.DEFAULT_HOURS, "Asia/Atlantis"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tawasul.staff.time-zone");
    }
}
