package dev.bitquark.app.archcyclea;

import dev.bitquark.app.archcycleb.B;

/** Fixture for LayeringTest: half of a cycle between two second-level packages (never used). */
public final class A {
    private A() {
    }

    static Object other() {
        return B.class;
    }
}
