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
            server.applyToConfiguration();
            Quarkus.run(ServerApplication.class, args);
        } else if (command instanceof DownloadCommand download) {
            System.exit(download.call());
        } else {
            cli.usage(cli.getErr());
            System.exit(2);
        }
    }
}
