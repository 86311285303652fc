package dev.bitquark.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class CommandLineTest {

    @Test
    void everyOptionOfEveryCommandNamesItsEnvironmentVariable() {
        CommandLine root = RootCommand.commandLine();
        for (String name : new String[] {"server", "download"}) {
            CommandLine sub = root.getSubcommands().get(name);
            for (OptionSpec o : sub.getCommandSpec().options()) {
                if (o.usageHelp() || o.versionHelp()) {
                    continue;
                }
                String text = String.join(" ", o.description());
                assertTrue(text.matches(".*\\(env BITQUARK_[A-Z_]+.*"),
                        name + " " + o.longestName() + " must name its environment variable: " + text);
            }
        }
    }

    @Test
    void serverIsTheDefaultAndItsOptionsBecomeConfiguration() {
        CommandLine root = RootCommand.commandLine();
        CommandLine.ParseResult r = root.parseArgs("server", "--http-port", "3131", "--peer-port=4341",
                "--download-dir", "/srv/dl", "--watch-dir", "/srv/watch");
        ServerCommand server = (ServerCommand) r.subcommand().commandSpec().userObject();
        try {
            server.applyToConfiguration();
            assertEquals("3131", System.getProperty("bitquark.http.port"));
            assertEquals("4341", System.getProperty("bitquark.peer.port"));
            assertEquals("/srv/dl", System.getProperty("bitquark.download-dir"));
            assertEquals("/srv/watch", System.getProperty("bitquark.watch.dir"));
        } finally {
            System.clearProperty("bitquark.http.port");
            System.clearProperty("bitquark.peer.port");
            System.clearProperty("bitquark.download-dir");
            System.clearProperty("bitquark.watch.dir");
        }
        assertEquals(null, root.parseArgs().subcommand(), "no command means server");
    }

    @Test
    void downloadTakesTheDocumentedOptions() {
        CommandLine root = RootCommand.commandLine();
        CommandLine.ParseResult r = root.parseArgs("download", "x.torrent", "--output", "/tmp/o",
                "--listen-port", "0", "--bind", "127.0.0.1", "--exit-on-finish", "--no-dht",
                "--initial-peers", "127.0.0.1:1,127.0.0.1:2");
        DownloadCommand d = (DownloadCommand) r.subcommand().commandSpec().userObject();
        assertEquals("x.torrent", d.source);
        assertTrue(d.exitOnFinish && d.noDht);
        assertEquals(2, d.initialPeers.size());
    }

    @Test
    void helpListsEnvironmentVariables() {
        StringWriter out = new StringWriter();
        CommandLine root = RootCommand.commandLine();
        root.getSubcommands().get("server").usage(new PrintWriter(out));
        Matcher m = Pattern.compile("BITQUARK_[A-Z_]+").matcher(out.toString());
        java.util.Set<String> names = new java.util.TreeSet<>();
        while (m.find()) {
            names.add(m.group());
        }
        // Every option of the server names the variable that sets it too.
        assertEquals(new java.util.TreeSet<>(java.util.List.of("BITQUARK_HTTP_PORT", "BITQUARK_HTTP_HOST",
                "BITQUARK_PEER_PORT", "BITQUARK_PEER_BIND", "BITQUARK_DOWNLOAD_DIR", "BITQUARK_DATA_DIR",
                "BITQUARK_WATCH_DIR", "BITQUARK_DHT_BOOTSTRAP", "BITQUARK_DHT_PORT", "BITQUARK_DHT_ENABLED",
                "BITQUARK_PEX_ENABLED", "BITQUARK_LSD_ENABLED")), names, out.toString());
    }
}
