package dev.bitquark.app.archfixture;

import dev.bitquark.engine.internal.PeerBook;

/** Fixture for LayeringTest: an app class reaching into the engine's internals (never used). */
public final class InternalsLeak {
    private InternalsLeak() {
    }

    static int known(PeerBook book) {
        return book.knownCount();
    }
}
