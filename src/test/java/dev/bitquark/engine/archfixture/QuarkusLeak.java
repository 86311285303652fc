package dev.bitquark.engine.archfixture;

import io.quarkus.runtime.Quarkus;

/** A deliberately wrong engine class: proves that the layering rule catches Quarkus imports. */
public class QuarkusLeak {
    public void stop() {
        Quarkus.asyncExit();
    }
}
