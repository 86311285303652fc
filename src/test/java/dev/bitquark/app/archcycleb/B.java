package dev.bitquark.app.archcycleb;

import dev.bitquark.app.archcyclea.A;

/** Fixture for LayeringTest: the other half of the cycle (never used). */
public final class B {
    private B() {
    }

    static Object other() {
        return A.class;
    }
}
