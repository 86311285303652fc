package dev.bitquark.lsd;

import java.util.Objects;

/** A received LSD message refused by {@link LsdMessage#decode}, with the reason it is counted under. */
public final class LsdException extends Exception {
    private final LsdDropReason reason;

    public LsdException(LsdDropReason reason, String message) {
        // No stack trace: hostile packets can arrive by the thousand and the reason says it all.
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public LsdDropReason reason() {
        return reason;
    }
}
