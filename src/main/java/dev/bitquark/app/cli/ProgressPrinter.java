package dev.bitquark.app.cli;

import dev.bitquark.engine.MetadataProgress;
import dev.bitquark.engine.TorrentStats;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Download progress on the terminal: a bar redrawn in place on a TTY, plain lines (every 5 s)
 * otherwise, so logs and pipes stay readable.
 */
final class ProgressPrinter {
    private final PrintStream out;
    private final String name;
    private final boolean tty;
    private static final long PLAIN_INTERVAL_NANOS =
            Long.getLong("bitquark.progress.plain-millis", 5000L) * 1_000_000L;
    private long lastPlain;

    ProgressPrinter(PrintStream out, String name) {
        this.out = out;
        this.name = name;
        this.tty = isTerminal();
    }

    /** Linux: stderr is a terminal when fd 2 links to a tty or pts device. */
    private static boolean isTerminal() {
        try {
            Path fd = Path.of("/proc/self/fd/2");
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception ignored) {
            // not Linux, or no /proc: plain lines
        }
        return false;
    }

    void print(TorrentStats s) {
        if (tty) {
            out.print("\r" + line(s, true) + "\u001b[K");
            out.flush();
        } else if (System.nanoTime() - lastPlain > PLAIN_INTERVAL_NANOS) {
            lastPlain = System.nanoTime();
            out.println(line(s, false));
        }
    }

    /** A magnet link fetching its metadata (BEP 9): no percentage (its size is not known yet), what it has. */
    void printFetching(TorrentStats s, MetadataProgress m) {
        String line = fetchingLine(s, m);
        if (tty) {
            out.print("\r" + line + "\u001b[K");
            out.flush();
        } else if (System.nanoTime() - lastPlain > PLAIN_INTERVAL_NANOS) {
            lastPlain = System.nanoTime();
            out.println(line);
        }
    }

    static String fetchingLine(TorrentStats s, MetadataProgress m) {
        StringBuilder b = new StringBuilder("fetching metadata (magnet): peers ").append(s.peersConnected())
                .append(" connected, ").append(s.peersKnown()).append(" known, ").append(m.peersWithMetadata())
                .append(" with metadata");
        if (m.piecesTotal() > 0) {
            b.append(", ").append(m.piecesHave()).append('/').append(m.piecesTotal()).append(" pieces of ")
                    .append(size(m.metadataSize()));
        }
        return b.toString();
    }

    /** Ends the current progress line (a terminal's bar stays, with a new line after it). */
    void finishLine() {
        if (tty) {
            out.print("\n");
            out.flush();
        }
    }

    void finish(TorrentStats s) {
        if (tty) {
            out.print("\r" + line(s, true) + "\u001b[K\n");
        } else {
            out.println(line(s, false));
        }
        out.flush();
    }

    static String line(TorrentStats s, boolean bar) {
        double p = s.progress();
        StringBuilder b = new StringBuilder();
        if (bar) {
            int width = 24;
            int filled = (int) Math.round(p * width);
            b.append('[').append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ");
        }
        b.append(String.format("%5.1f%% %s/%s", p * 100, size(s.verifiedBytes()), size(s.wantedBytes())));
        b.append(String.format("  down %s/s  up %s/s  peers %d", size(s.downloadRate()), size(s.uploadRate()),
                s.peersConnected()));
        switch (s.state()) {
            case METADATA -> b.append("  fetching metadata from peers (magnet)");
            case CHECKING -> b.append(String.format("  checking %.0f%%", s.checkedFraction() * 100));
            case ERROR -> b.append("  error: ").append(s.error());
            case PAUSED -> b.append("  paused");
            case LIVE -> {
                if (s.finished()) {
                    b.append("  done");
                } else if (s.etaSeconds() >= 0) {
                    b.append("  eta ").append(eta(s.etaSeconds()));
                }
            }
        }
        return b.toString();
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }

    static String eta(long seconds) {
        if (seconds >= 3600) {
            return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
}
