package dev.bitquark.app.session;

import dev.bitquark.app.session.WatchRules.Kind;
import dev.bitquark.app.session.WatchRules.Seen;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.metainfo.BadMagnetException;
import dev.bitquark.metainfo.BadTorrentException;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Magnet;
import dev.bitquark.metainfo.Metainfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The watch folder: {@code .torrent} and {@code .magnet} files dropped into a folder are added to the
 * {@link Session}. The folder is listed every {@code interval} (polling, not a file-system watch:
 * inotify-style events do not arrive for changes made by other machines on NFS/SMB mounts, and are
 * unreliable in containers); a file is taken once it is stable (see {@link WatchRules}). A taken file
 * is renamed to {@code <name>.added} (or deleted); one that cannot be added is renamed to
 * {@code <name>.invalid} next to a {@code <name>.error.txt} with the reason, and never retried.
 * A torrent already in the session counts as added. A {@code .magnet} file holds one magnet link:
 * its first non-empty line (later lines are ignored, as the log says).
 *
 * <p>Threading: polls run on one daemon thread of its own (never an event loop; adding waits for the
 * session); {@link #poll()} may also be called directly and is serialised with the timer. A missing or
 * unreadable folder is warned about once and polled again; I/O errors never stop the polling.
 */
public final class WatchFolder implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WatchFolder.class);

    /** Largest {@code .magnet} file read: a magnet link is a line of text, not a payload. */
    public static final int MAX_MAGNET_FILE_BYTES = 64 * 1024;
    /** Candidate files looked at per poll; a folder with more is worked through as files leave it. */
    static final int MAX_CANDIDATES = 10_000;
    private static final Duration ADD_TIMEOUT = Duration.ofSeconds(60);
    private static final OpenOption[] WRITE_NEW = {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS};

    /** How a file left the folder (or would have, had renaming it worked). */
    public enum Result {
        ADDED, DUPLICATE, INVALID
    }

    /** What one poll did with one file; {@code detail} is the info-hash or the reason it was refused. */
    public record Outcome(Path file, Result result, String detail) {
    }

    /** For the readiness check: the folder, why it cannot be listed (or null), the last refused file, polls done. */
    public record Status(Path dir, String problem, String lastFailure, long polls) {
    }

    /**
     * @param interval       time between two polls (the end of one and the start of the next)
     * @param deleteAdded    delete consumed files instead of renaming them to {@code .added}
     * @param maxTorrentBytes largest {@code .torrent} file read (the API's upload limit)
     */
    public record Settings(Duration interval, boolean deleteAdded, int maxTorrentBytes) {
        public Settings {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("watch interval must be positive, got " + interval);
            }
            if (maxTorrentBytes < 1) {
                throw new IllegalArgumentException("maxTorrentBytes must be positive, got " + maxTorrentBytes);
            }
        }
    }

    private final Session session;
    private final Path dir;
    /** The folder an added torrent is saved under, asked at each add (the default output folder may change). */
    private final Supplier<Path> saveDir;
    private final Settings settings;
    private final WatchRules rules = new WatchRules();
    private final AtomicLong polls = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bq-watch");
        t.setDaemon(true);
        return t;
    });
    private volatile String problem;
    private volatile String lastFailure;
    private boolean warnedTooMany;

    /** A watch folder over {@code dir} adding to {@code session} with {@code saveDir} as download folder; call {@link #start()}. */
    public WatchFolder(Session session, Path dir, Path saveDir, Settings settings) {
        this(session, dir, () -> saveDir, settings);
    }

    /**
     * A watch folder whose adds go under the folder {@code saveDir} gives at the time of each add; it may throw
     * {@link IllegalArgumentException} (the folder is not usable), which refuses the file with its message.
     */
    public WatchFolder(Session session, Path dir, Supplier<Path> saveDir, Settings settings) {
        this.session = Objects.requireNonNull(session);
        this.dir = dir.toAbsolutePath().normalize();
        this.saveDir = saveDir;
        this.settings = settings;
    }

    private Path saveDir() throws Refused {
        try {
            return saveDir.get();
        } catch (IllegalArgumentException e) {
            throw new Refused("cannot be saved: " + e.getMessage());
        }
    }

    /** Starts polling every interval on the watch thread; the first poll is one interval from now. */
    public void start() {
        long ms = Math.max(1, settings.interval().toMillis());
        timer.scheduleWithFixedDelay(this::pollQuietly, ms, ms, TimeUnit.MILLISECONDS);
        LOG.infof("watch folder: %s (every %s; .torrent and .magnet files)", dir, settings.interval());
    }

    public Status status() {
        return new Status(dir, problem, lastFailure, polls.get());
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            // Never let one bad poll cancel the schedule.
            folderProblem("watch folder " + dir + ": " + e);
        }
    }

    /** Lists the folder once and processes every file that has become stable; returns what it did. */
    public synchronized List<Outcome> poll() {
        try {
            Map<Path, Seen> now = list();
            if (now == null) {
                return List.of();
            }
            List<Outcome> done = new ArrayList<>();
            for (Path file : rules.stable(now)) {
                Outcome o = process(file, now.get(file));
                if (o != null) {
                    done.add(o);
                }
            }
            return done;
        } finally {
            polls.incrementAndGet();
        }
    }

    /** This poll's candidates, or null if the folder cannot be listed (reported once). */
    private Map<Path, Seen> list() {
        Map<Path, Seen> now = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (WatchRules.kind(entry.getFileName().toString()) == null) {
                    continue;
                }
                if (now.size() == MAX_CANDIDATES) {
                    if (!warnedTooMany) {
                        warnedTooMany = true;
                        LOG.warnf("watch folder %s holds more than %d candidate files; taking them in batches",
                                dir, MAX_CANDIDATES);
                    }
                    break;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    continue; // gone since the listing, or not ours to read: the next poll sees it again
                }
                // Symbolic links are not followed (they could point anywhere); folders and devices are skipped.
                if (a.isRegularFile()) {
                    now.put(entry, new Seen(a.size(), a.lastModifiedTime().toMillis()));
                }
            }
        } catch (NoSuchFileException e) {
            return folderProblem("watch folder " + dir + " does not exist (yet)");
        } catch (NotDirectoryException e) {
            return folderProblem("watch folder " + dir + " is not a folder");
        } catch (AccessDeniedException e) {
            return folderProblem("watch folder " + dir + " cannot be read: permission denied");
        } catch (IOException | DirectoryIteratorException e) {
            return folderProblem("watch folder " + dir + " cannot be listed: " + e.getMessage());
        }
        if (problem != null) {
            LOG.infof("watch folder %s is usable again", dir);
            problem = null;
        }
        return now;
    }

    private <T> T folderProblem(String text) {
        if (!text.equals(problem)) {
            LOG.warnf("%s; still polling every %s", text, settings.interval());
            problem = text;
        }
        return null;
    }

    /** Reads, checks and adds one stable file; null if it changed while being read. */
    private Outcome process(Path file, Seen seen) {
        Kind kind = WatchRules.kind(file.getFileName().toString());
        int cap = kind == Kind.TORRENT ? settings.maxTorrentBytes() : MAX_MAGNET_FILE_BYTES;
        if (seen.size() > cap) {
            return refuse(file, seen, "file is " + seen.size() + " bytes; a ." + kind.name().toLowerCase(Locale.ROOT)
                    + " file may have at most " + cap);
        }
        byte[] bytes;
        try {
            bytes = read(file, seen);
        } catch (NoSuchFileException e) {
            bytes = null; // moved away since the listing: nothing to do
        } catch (IOException e) {
            return refuse(file, seen, "cannot be read: " + e);
        }
        if (bytes == null) {
            rules.unsettled(file);
            return null;
        }
        try {
            return kind == Kind.TORRENT ? addTorrent(file, seen, bytes) : addMagnet(file, seen, bytes);
        } catch (Refused e) {
            return refuse(file, seen, e.getMessage());
        }
    }

    private Outcome addTorrent(Path file, Seen seen, byte[] bytes) throws Refused {
        Metainfo meta;
        try {
            meta = Metainfo.parse(bytes);
        } catch (BadTorrentException e) {
            throw new Refused("not a valid .torrent file: " + e.getMessage());
        }
        if (session.handle(meta.infoHash()) != null) {
            return duplicate(file, seen, meta.infoHash());
        }
        try {
            await(session.add(bytes, TorrentOptions.defaults(saveDir())));
        } catch (InterruptedException e) {
            // Shutting down: leave the file for the next start.
            Thread.currentThread().interrupt();
            rules.unsettled(file);
            return null;
        }
        LOG.infof("watch folder: added %s (%s) from %s", meta.name(), meta.infoHash(), file.getFileName());
        return consume(file, seen, Result.ADDED, meta.infoHash().toString());
    }

    private Outcome addMagnet(Path file, Seen seen, byte[] bytes) throws Refused {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Refused("not a text file (UTF-8 expected)");
        }
        List<String> lines = text.replace("\uFEFF", "").lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            throw new Refused("holds no magnet link");
        }
        Magnet magnet;
        try {
            magnet = Magnet.parse(lines.get(0));
        } catch (BadMagnetException e) {
            throw new Refused("not a valid magnet link: " + e.getMessage());
        }
        if (lines.size() > 1) {
            LOG.warnf("watch folder: %s has %d lines; only the first magnet link is used", file.getFileName(), lines.size());
        }
        if (session.handle(magnet.infoHash()) != null) {
            return duplicate(file, seen, magnet.infoHash());
        }
        try {
            await(session.addMagnet(lines.get(0), TorrentOptions.defaults(saveDir())));
        } catch (InterruptedException e) {
            // Shutting down: leave the file for the next start.
            Thread.currentThread().interrupt();
            rules.unsettled(file);
            return null;
        }
        LOG.infof("watch folder: added magnet %s from %s", magnet.infoHash(), file.getFileName());
        return consume(file, seen, Result.ADDED, magnet.infoHash().toString());
    }

    /** Waits for an add to the session (a magnet's metadata is fetched later, BEP 9). */
    private static void await(java.util.concurrent.CompletionStage<?> add) throws Refused, InterruptedException {
        try {
            add.toCompletableFuture().get(ADD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw new Refused("could not be added: " + c.getMessage());
        } catch (TimeoutException e) {
            throw new Refused("could not be added: the session did not answer within " + ADD_TIMEOUT.toSeconds() + " s");
        }
    }

    private Outcome duplicate(Path file, Seen seen, InfoHash infoHash) {
        LOG.infof("watch folder: %s is already in the session (%s); consumed", file.getFileName(), infoHash);
        return consume(file, seen, Result.DUPLICATE, infoHash.toString());
    }

    private Outcome consume(Path file, Seen seen, Result result, String detail) {
        try {
            if (settings.deleteAdded()) {
                Files.deleteIfExists(file);
            } else {
                rename(file, sibling(file, ".added"));
            }
        } catch (IOException e) {
            LOG.warnf("watch folder: %s is in the session but could not be %s (%s); it is skipped until it changes",
                    file.getFileName(), settings.deleteAdded() ? "deleted" : "renamed", e);
            rules.leftInPlace(file, seen);
        }
        return new Outcome(file, result, detail);
    }

    private Outcome refuse(Path file, Seen seen, String reason) {
        String name = file.getFileName().toString();
        lastFailure = name + ": " + reason;
        LOG.warnf("watch folder: %s refused: %s", name, reason);
        try {
            Files.write(sibling(file, ".error.txt"), (name + " was not added: " + reason + System.lineSeparator())
                    .getBytes(StandardCharsets.UTF_8), WRITE_NEW);
            rename(file, sibling(file, ".invalid"));
        } catch (IOException e) {
            LOG.warnf("watch folder: %s could not be marked invalid (%s); it is skipped until it changes", name, e);
            rules.leftInPlace(file, seen);
        }
        return new Outcome(file, Result.INVALID, reason);
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    private static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The file's bytes, or null if it is no longer as the poll saw it (grew, shrank or was touched
     * while being read: still being written after all). Reads at most {@code seen.size() + 1} bytes.
     */
    private static byte[] read(Path file, Seen seen) throws IOException {
        int expected = Math.toIntExact(seen.size()); // at most the cap, checked by the caller
        ByteBuffer buf = ByteBuffer.allocate(expected + 1);
        try (SeekableByteChannel ch = Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // keep reading: a file is read whole or not at all
            }
        }
        BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (buf.position() != expected || after.size() != seen.size()
                || after.lastModifiedTime().toMillis() != seen.modifiedMillis()) {
            return null;
        }
        byte[] bytes = new byte[expected];
        buf.flip().get(bytes);
        return bytes;
    }

    /** Stops polling; a poll in progress may finish its current file (bounded by the add timeout). */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** A file that cannot be added; the message is the reason written next to it. */
    private static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }
}
