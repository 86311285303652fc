package dev.bitquark.wire;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The wire codecs are pure Java: the JDK, bencode and metainfo only (no Vert.x, no I/O framework). */
@AnalyzeClasses(packages = "dev.bitquark.wire", importOptions = ImportOption.DoNotIncludeTests.class)
class WireArchitectureTest {
    @ArchTest
    static final ArchRule dependsOnlyOnTheJdkAndLowerLayers = classes()
            .that().resideInAPackage("dev.bitquark.wire..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.bitquark.wire..", "dev.bitquark.bencode..", "dev.bitquark.metainfo..");
}
