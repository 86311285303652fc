package dev.bitquark.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bitquark [server|download] ...}; without a subcommand it runs {@code server}. */
@Command(name = "bitquark",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "BitTorrent client and server: engine, web UI, REST/WebSocket API in one process.",
        subcommands = {ServerCommand.class, DownloadCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Without a command, bitquark runs 'server'. Every option can also be set by the environment variable shown."})
public class RootCommand {

    /** A fresh parser for the whole command tree. */
    public static CommandLine commandLine() {
        return new CommandLine(new RootCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true);
    }
}
