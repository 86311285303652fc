package dev.bitquark.app.persistence;

import dev.bitquark.metainfo.InfoHash;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The {@code magnets/} folder of a {@link FileSessionStore}: one {@code <hex>.magnet} file
 * ({@link AtomicFile}, {@link MagnetCodec}) per magnet link still waiting for its metadata. Not
 * thread-safe: the store calls it under its lock. Blocking I/O.
 */
final class MagnetFiles {
    private static final System.Logger LOG = System.getLogger(MagnetFiles.class.getName());
    private static final Pattern MAGNET_NAME = Pattern.compile("([0-9a-f]{40})\\.magnet(\\.1)?");

    private final Path dir;
    private final Io io;

    MagnetFiles(Path dir, Io io) {
        this.dir = dir;
        this.io = io;
    }

    AtomicFile file(InfoHash h) {
        return new AtomicFile(dir.resolve(h.toHex() + ".magnet"), io);
    }

    void save(StoredMagnet m) throws PersistenceException {
        file(m.infoHash()).write(MagnetCodec.encode(m));
    }

    /**
     * Every readable magnet, oldest first. Those {@code hasTorrent} says are stored with their
     * metainfo are deleted (a crash right after the metadata arrived); damaged ones are handed to
     * {@code keepDamaged} (which moves them aside and returns where they went) and left out.
     */
    List<StoredMagnet> load(Predicate<InfoHash> hasTorrent, Function<List<Path>, List<Path>> keepDamaged)
            throws PersistenceException {
        List<StoredMagnet> out = new ArrayList<>();
        for (InfoHash h : StoreFolders.scan(dir, MAGNET_NAME).keySet()) {
            if (hasTorrent.test(h)) {
                delete(h);
                continue;
            }
            AtomicFile f = file(h);
            AtomicFile.Loaded<StoredMagnet> l = f.read(p -> {
                StoredMagnet m = MagnetCodec.decode(p);
                if (!m.infoHash().equals(h)) {
                    throw new PersistenceException("magnet file of " + h + " holds torrent " + m.infoHash());
                }
                return m;
            });
            if (l.value() != null) {
                out.add(l.value());
                if (l.damaged()) {
                    LOG.log(Level.WARNING, "magnet {0}: {1}", h, l.describe(f.path()));
                }
            } else {
                List<Path> kept = keepDamaged.apply(List.of(f.path(), f.previousPath()));
                LOG.log(Level.ERROR, "magnet {0} cannot be restored ({1}); its files were kept in {2}",
                        h, String.join("; ", l.problems()), kept);
            }
        }
        out.sort(Comparator.comparingLong(StoredMagnet::addedAtMillis).thenComparing(m -> m.infoHash().toHex()));
        return out;
    }

    /** Deletes a magnet's files; a failure is logged (the next load retries when the torrent exists). */
    void delete(InfoHash h) {
        AtomicFile f = file(h);
        if (!Files.exists(f.path()) && !Files.exists(f.previousPath())) {
            return;
        }
        try {
            f.delete();
            io.syncDir(dir);
        } catch (IOException | PersistenceException e) {
            LOG.log(Level.WARNING, "magnet file of {0} not deleted yet: {1}", h, e.getMessage());
        }
    }
}
