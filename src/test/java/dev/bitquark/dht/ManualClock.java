package dev.bitquark.dht;

/** A clock moved by hand. */
final class ManualClock implements DhtClock {
    long now;

    ManualClock(long start) {
        this.now = start;
    }

    @Override
    public long nowMillis() {
        return now;
    }

    void advance(long millis) {
        now += millis;
    }
}
