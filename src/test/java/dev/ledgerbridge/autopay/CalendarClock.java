package dev.ledgerbridge.autopay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A simulated calendar: a clock that stands still until the test moves it, readable in any zone. */
final class CalendarClock extends Clock {
    private final Instant[] now;
    private final ZoneId zone;

    CalendarClock(Instant start) {
        this(new Instant[] {start}, ZoneOffset.UTC);
    }

    private CalendarClock(Instant[] now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    void advance(Duration d) {
        synchronized (now) {
            now[0] = now[0].plus(d);
        }
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same calendar seen in another zone (moving one moves the other). */
    @Override
    public Clock withZone(ZoneId z) {
        return new CalendarClock(now, z);
    }

    @Override
    public Instant instant() {
        synchronized (now) {
            return now[0];
        }
    }
}
