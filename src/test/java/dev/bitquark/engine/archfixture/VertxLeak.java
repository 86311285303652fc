package dev.bitquark.engine.archfixture;

import io.vertx.core.impl.ContextInternal;

/** Fixture for LayeringTest: a class using a Vert.x internal package (never used). */
public final class VertxLeak {
    private VertxLeak() {
    }

    static boolean onEventLoop(ContextInternal context) {
        return context.isEventLoopContext();
    }
}
