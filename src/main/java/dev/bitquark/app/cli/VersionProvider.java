package dev.bitquark.app.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest (set by the build), or "dev" when run from classes. */
public class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"bitquark " + (v == null ? "dev" : v)};
    }
}
