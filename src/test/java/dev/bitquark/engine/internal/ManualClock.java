package dev.bitquark.engine.internal;

/** A clock that moves only when the test says so; starts at an arbitrary non-zero instant. */
final class ManualClock {
    private long nanos = 1_000_000_000_000L;

    long millis() {
        return nanos / 1_000_000;
    }

    long nanos() {
        return nanos;
    }

    void advanceMillis(long millis) {
        nanos += millis * 1_000_000;
    }

    void advanceNanos(long delta) {
        nanos += delta;
    }
}
