package dev.bitquark.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/architecture.md: bencode → metainfo → wire → tracker/dht/lsd → storage → engine →
 * app, each package depending only on those to its left; only {@code app} may touch Quarkus and
 * friends; only the engine may use {@code engine.internal}; no cycles between top-level packages, nor between
 * second-level ones; no Vert.x internals (4.x and 5.x spellings). Each rule has a fixture proving it can fail.
 */
class LayeringTest {
    static final String ROOT = "dev.bitquark";
    static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    /** Frameworks the engine layers must not know about. */
    static final ArchRule ENGINE_IS_FRAMEWORK_FREE = noClasses()
            .that().resideOutsideOfPackage(ROOT + ".app..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.quarkus..", "jakarta..", "io.smallrye..", "org.eclipse.microprofile..", "io.micrometer..")
            .because("only dev.bitquark.app may depend on Quarkus, Jakarta, SmallRye, MicroProfile or Mutiny");

    /**
     * Vert.x 4 keeps internals in {@code impl} packages, Vert.x 5 in {@code io.vertx.core.internal}. One class is
     * exempt: {@code engine.internal.SocketReads} reads peer sockets through {@code NetSocketInternal}'s message
     * handler, which saves a heap copy of every downloaded byte (bench/RESULTS.md); {@code SocketReadsTest} fails
     * if a Vert.x upgrade takes that path away, so it cannot silently fall back to the copy.
     */
    static final ArchRule NO_VERTX_INTERNALS = noClasses()
            .that().doNotHaveFullyQualifiedName(ROOT + ".engine.internal.SocketReads")
            .should().dependOnClassesThat().resideInAnyPackage("io.vertx.core.impl..", "io.vertx.core.net.impl..",
                    "io.vertx.core.http.impl..", "io.vertx.core.internal..", "io.vertx.ext.web.impl..")
            .because("Vert.x internal packages change without notice");

    /** The engine's insides are its own: everything else goes through Engine, TorrentHandle and snapshots. */
    static final ArchRule ENGINE_INTERNAL_IS_PRIVATE = noClasses()
            .that().resideOutsideOfPackage(ROOT + ".engine..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".engine.internal..")
            .because("only dev.bitquark.engine may use its internal package");

    /** No cycles between the second-level packages either (app.session, app.ws, app.api, ...). */
    static final ArchRule NO_SECOND_LEVEL_CYCLES = slices().matching(ROOT + ".(*).(*)..").should().beFreeOfCycles();

    @Test
    void engineLayersDoNotImportFrameworks() {
        ENGINE_IS_FRAMEWORK_FREE.check(main);
    }

    @Test
    void noVertxInternals() {
        NO_VERTX_INTERNALS.check(main);
    }

    @Test
    void pureLayersDoNotUseVertx() {
        noClasses().that().resideInAnyPackage(ROOT + ".bencode..", ROOT + ".metainfo..", ROOT + ".wire..",
                        ROOT + ".storage..", ROOT + ".tracker.codec..")
                .should().dependOnClassesThat().resideInAPackage("io.vertx..")
                .because("codecs and storage are plain Java, testable without an event loop")
                .check(main);
    }

    /** The LSD codec, schedule and limiter share their package with the socket but not its Vert.x. */
    @Test
    void lsdCodecDoesNotUseVertx() {
        noClasses().that().haveNameMatching(
                        "dev\\.bitquark\\.lsd\\.(LsdMessage|LsdException|LsdDropReason|LsdSettings|LsdStats"
                                + "|AnnounceSchedule|TokenBucket|LocalNetworks)(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("io.vertx..")
                .because("the LSD codec and its pure helpers are plain Java, testable without an event loop")
                .check(main);
    }

    @Test
    void lowerLayersNeverImportHigherOnes() {
        String[] order = {"bencode", "metainfo", "wire", "tracker|dht|lsd", "storage", "engine", "app"};
        for (int i = 0; i < order.length; i++) {
            for (int j = i + 1; j < order.length; j++) {
                for (String lower : order[i].split("\\|")) {
                    for (String higher : order[j].split("\\|")) {
                        noClasses().that().resideInAPackage(ROOT + "." + lower + "..")
                                .should().dependOnClassesThat().resideInAPackage(ROOT + "." + higher + "..")
                                .allowEmptyShould(true)
                                .check(main);
                    }
                }
            }
        }
        // tracker, dht and lsd sit side by side and stay independent of each other.
        String[] peers = {"tracker", "dht", "lsd"};
        for (String a : peers) {
            for (String b : peers) {
                if (!a.equals(b)) {
                    noClasses().that().resideInAPackage(ROOT + "." + a + "..")
                            .should().dependOnClassesThat().resideInAPackage(ROOT + "." + b + "..")
                            .allowEmptyShould(true).check(main);
                }
            }
        }
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void onlyTheEngineUsesItsInternals() {
        ENGINE_INTERNAL_IS_PRIVATE.check(main);
    }

    @Test
    void noCyclesBetweenSecondLevelPackages() {
        NO_SECOND_LEVEL_CYCLES.check(main);
    }

    @Test
    void theInternalsRuleCatchesAnAppClassUsingEngineInternals() {
        JavaClasses leak = new ClassFileImporter().importClasses(dev.bitquark.app.archfixture.InternalsLeak.class);
        assertTrue(ENGINE_INTERNAL_IS_PRIVATE.evaluate(leak).hasViolation(),
                "an app class that imports dev.bitquark.engine.internal must break the build");
    }

    @Test
    void theCycleRuleCatchesTwoSecondLevelPackagesUsingEachOther() {
        JavaClasses cycle = new ClassFileImporter().importClasses(dev.bitquark.app.archcyclea.A.class,
                dev.bitquark.app.archcycleb.B.class);
        assertTrue(NO_SECOND_LEVEL_CYCLES.evaluate(cycle).hasViolation(),
                "app.archcyclea -> app.archcycleb -> app.archcyclea must break the build");
    }

    @Test
    void theVertxRuleCatchesAnInternalPackage() {
        JavaClasses leak = new ClassFileImporter().importClasses(dev.bitquark.engine.archfixture.VertxLeak.class);
        assertTrue(NO_VERTX_INTERNALS.evaluate(leak).hasViolation(),
                "a class that uses io.vertx.core.impl must break the build");
    }

    @Test
    void theFrameworkRuleCatchesAnEngineClassImportingQuarkus() {
        JavaClasses leak = new ClassFileImporter()
                .importClasses(dev.bitquark.engine.archfixture.QuarkusLeak.class);
        assertTrue(ENGINE_IS_FRAMEWORK_FREE.evaluate(leak).hasViolation(),
                "an engine class that imports io.quarkus must break the build");
    }
}
