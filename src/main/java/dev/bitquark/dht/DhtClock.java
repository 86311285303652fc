package dev.bitquark.dht;

/**
 * Wall-clock milliseconds, injected so tests drive time by hand. Stored announces persist with
 * absolute expiries in this clock, so the service uses {@link System#currentTimeMillis()}.
 */
@FunctionalInterface
public interface DhtClock {
    long nowMillis();
}
