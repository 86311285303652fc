package dev.bitquark.app.persistence;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Metainfo;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File and folder chores of the embedded store ({@link FileSessionStore}, {@link MagnetFiles}):
 * listing the files a store wrote, comparing and dating them, and setting damaged ones aside.
 * Stateless; blocking.
 */
final class StoreFolders {
    private static final System.Logger LOG = System.getLogger(FileSessionStore.class.getName());

    private StoreFolders() {
    }

    /** Moves {@code files} (those that exist) into {@code damagedDir}; the paths they have afterwards. */
    static List<Path> moveToDamaged(Path damagedDir, List<Path> files) {
        List<Path> kept = new ArrayList<>();
        for (Path p : files) {
            if (!Files.exists(p)) {
                continue;
            }
            try {
                Files.createDirectories(damagedDir);
                Path target = damagedDir.resolve(p.getFileName());
                if (Files.exists(target)) {
                    target = damagedDir.resolve(p.getFileName() + "." + System.currentTimeMillis());
                }
                Files.move(p, target);
                kept.add(target);
            } catch (IOException e) {
                // Left where it is: the next start reports it again, nothing is lost.
                LOG.log(Level.WARNING, "cannot move {0} to {1}: {2}", p, damagedDir, e.getMessage());
                kept.add(p);
            }
        }
        return kept;
    }

    /** Info-hashes named by the files in {@code dir} that match {@code pattern} (group 1 = hex). */
    static TreeMap<InfoHash, Path> scan(Path dir, Pattern pattern) throws PersistenceException {
        TreeMap<InfoHash, Path> found = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                Matcher m = pattern.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(p)) {
                    found.putIfAbsent(InfoHash.fromHex(m.group(1)), p);
                } else if (!m.matches()) {
                    LOG.log(Level.DEBUG, "ignoring {0}: not a name this store writes", p);
                }
            }
        } catch (IOException e) {
            throw new PersistenceException("data folder " + dir + " cannot be listed: " + e.getMessage(), e);
        }
        return found;
    }

    /** Whether {@code p} holds exactly {@code expected} (false if it cannot be read). */
    static boolean sameContent(Path p, byte[] expected) {
        try {
            return Arrays.equals(AtomicFile.readCapped(p, Metainfo.MAX_TORRENT_BYTES), expected);
        } catch (IOException | PersistenceException e) {
            return false;
        }
    }

    /** Modification time of {@code p} in ms, 0 if unknown. */
    static long mtime(Path p) {
        try {
            FileTime t = Files.getLastModifiedTime(p);
            return t.toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
