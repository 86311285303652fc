package dev.bitquark.app.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Entry point (Quarkus command mode). The command line is parsed before Quarkus boots so that
 * {@code --help} answers instantly and {@code server} options (ports, folders) reach Quarkus'
 * configuration as system properties, which rank above environment variables and
 * application.properties. {@code server} (the default) then runs Quarkus until it is stopped.
 */
@QuarkusMain
public final class Main {
    private Main() {
    }

    public static void main(String... args) {
        quietUnsafe();
        CommandLine cli = RootCommand.commandLine();
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("bitquark: " + e.getMessage());
            failed.usage(failed.getErr());
            System.exit(2);
            return;
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            System.exit(0);
            return;
        }
        ParseResult sub = parsed.subcommand();
        Object command = sub == null ? new ServerCommand() : sub.commandSpec().userObject();
        if (command instanceof ServerCommand server) {
            try {
                server.applyToConfiguration();
            } catch (IllegalArgumentException e) {
                cli.getErr().println("bitquark: " + e.getMessage());
                System.exit(2);
            }
            Quarkus.run(ServerApplication.class, args);
        } else if (command instanceof DownloadCommand download) {
            System.exit(download.call());
        } else {
            cli.usage(cli.getErr());
            System.exit(2);
        }
    }

    /**
     * JDK 24+ (JEP 498) prints four lines of warnings the first time Netty calls a memory-access method of
     * {@code sun.misc.Unsafe}, before anything of ours. Unless the JVM was started with
     * {@code --sun-misc-unsafe-memory-access=...} (which Netty reads as this property) or Netty's own switch is set,
     * Netty is told to do without Unsafe: it then uses the ByteBuffer API, which the JDK compiles to the same
     * memory accesses. Must run before the first Netty class loads.
     */
    static void quietUnsafe() {
        if (Runtime.version().feature() >= 24 && System.getProperty("io.netty.noUnsafe") == null
                && System.getProperty("sun.misc.unsafe.memory.access") == null) {
            System.setProperty("io.netty.noUnsafe", "true");
        }
    }
}
