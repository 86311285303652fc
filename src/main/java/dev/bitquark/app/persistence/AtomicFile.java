package dev.bitquark.app.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * A small state file replaced atomically and durably, keeping the previous generation as
 * {@code name.1} (the recipe of RELIABILITY.md, "Durable state"). A save never truncates or
 * rewrites the live file: a crash or a failure at any point leaves a complete old or new state.
 *
 * <p>On disk the payload is framed by a 16-byte header: magic {@code "BQS1"}, format version
 * (int), payload length (int) and CRC32C of the payload (int), all big-endian. {@link #read}
 * checks every part and falls back to {@code name.1} when the current file is missing, empty,
 * truncated, has trailing bytes, a bad checksum, a foreign magic or an unknown version, or when
 * the caller's parser rejects its payload; the result says which generation was used and why.
 *
 * <p>Save steps and what a crash between them leaves (the names are in the same directory):
 * <ol>
 * <li>write {@code name.tmp-<random>}, looping until every byte is written, {@code force}, close.
 *     Crash: a stray tmp file, removed by {@link #cleanup}; current and {@code .1} untouched.
 * <li>if the current file is valid, hard-link it as {@code name.1.tmp-<random>} (a forced copy
 *     where links are unsupported). It is only a second name of the same data, so nothing changes.
 *     An invalid current file is not kept: it would push a valid {@code .1} out.
 * <li>rename tmp over {@code name} (atomic). Crash before: old state; after: new state, and
 *     {@code .1} still holds the generation before the old one, which is complete too.
 * <li>rename {@code name.1.tmp-*} over {@code name.1} (atomic). Now {@code .1} is the old state.
 * <li>fsync the directory, so the renames survive a power loss. Until then a power loss may undo
 *     the renames, which brings back the old names; their data was forced in step 1, so every
 *     name still points at a complete file.
 * </ol>
 * Any exception is reported as "not saved" with the failing step; the tmp files are deleted and
 * the current file and {@code .1} are as before. A failure after step 3 is an
 * {@link UnconfirmedSaveException}: the new state is in place, only its durability is unknown.
 *
 * <p>Not thread-safe: one writer at a time per file (the owning store serializes). Blocking I/O.
 */
public final class AtomicFile {
    /** Largest payload read or written: a resume file of a torrent with a million files fits. */
    public static final int MAX_PAYLOAD = 64 * 1024 * 1024;
    /** Version of the frame (not of the payload, which carries its own). */
    public static final int FORMAT_VERSION = 1;
    static final int HEADER_LENGTH = 16;
    private static final byte[] MAGIC = {'B', 'Q', 'S', '1'};
    private static final String TMP_MARK = ".tmp-";
    private static final System.Logger LOG = System.getLogger(AtomicFile.class.getName());

    private final Path file;
    private final Path previous;
    private final Path dir;
    private final Io io;

    /** The file {@code file}, its previous generation {@code file.1} beside it. */
    public AtomicFile(Path file) {
        this(file, Io.SYSTEM);
    }

    AtomicFile(Path file, Io io) {
        this.file = file.toAbsolutePath().normalize();
        this.previous = this.file.resolveSibling(this.file.getFileName() + ".1");
        this.dir = this.file.getParent();
        this.io = io;
    }

    /** Parses a payload; throws when it is not acceptable, so that the previous generation is tried. */
    @FunctionalInterface
    public interface PayloadParser<T> {
        T parse(byte[] payload) throws PersistenceException;
    }

    /** Which generation a read used. */
    public enum Generation {
        CURRENT, PREVIOUS, NONE
    }

    /**
     * The result of a read: {@code value} is null exactly when {@code generation} is NONE.
     * {@code problems} lists, per generation tried, why it was not used (empty when the current
     * file was fine, or when neither file exists: a state never saved).
     */
    public record Loaded<T>(T value, Generation generation, List<String> problems) {
        public Loaded {
            problems = List.copyOf(problems);
        }

        /** True if a file existed but was damaged (whether or not another generation was found). */
        public boolean damaged() {
            return !problems.isEmpty();
        }

        /** For the log: "session.bq: checksum mismatch; used session.bq.1". */
        public String describe(Path file) {
            String used = switch (generation) {
                case CURRENT -> "used " + file.getFileName();
                case PREVIOUS -> "used the previous generation " + file.getFileName() + ".1";
                case NONE -> problems.isEmpty() ? "nothing saved yet" : "no usable generation";
            };
            return problems.isEmpty() ? used : String.join("; ", problems) + "; " + used;
        }
    }

    public Path path() {
        return file;
    }

    public Path previousPath() {
        return previous;
    }

    /**
     * Saves {@code payload} atomically and durably (see the class comment).
     *
     * @throws UnconfirmedSaveException if the new content replaced the file but a later step failed
     * @throws PersistenceException if not saved; the message names the step and, for ENOSPC, says
     *                              "no space left on device"
     */
    public void write(byte[] payload) throws PersistenceException {
        if (payload.length > MAX_PAYLOAD) {
            throw new PersistenceException("cannot save " + file + ": " + payload.length
                    + " bytes is more than the limit of " + MAX_PAYLOAD);
        }
        byte[] framed = frame(payload);
        Path tmp = dir.resolve(file.getFileName() + TMP_MARK + randomSuffix());
        Path keep = null;
        String step = "create " + tmp.getFileName();
        boolean replaced = false;
        try {
            writeDurably(io, tmp, framed);
            if (isValidFrame(file)) {
                keep = dir.resolve(previous.getFileName() + TMP_MARK + randomSuffix());
                step = "keep the previous generation";
                io.link(keep, file);
            }
            step = "rename " + tmp.getFileName() + " to " + file.getFileName();
            io.move(tmp, file);
            tmp = null;
            replaced = true;
            if (keep != null) {
                step = "rename the previous generation to " + previous.getFileName();
                io.move(keep, previous);
                keep = null;
            }
            step = "sync the folder " + dir;
            io.syncDir(dir);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            deleteQuietly(keep);
            throw saveFailed(file, step, e, replaced);
        }
    }

    /**
     * Writes a file that is created once and never replaced in place (a .torrent file): no frame,
     * no previous generation, but the same tmp, force, rename and folder sync.
     */
    public static void writeOnce(Path target, byte[] content) throws PersistenceException {
        writeOnce(target, content, Io.SYSTEM);
    }

    /** As {@link #writeOnce(Path, byte[])}, with the file readable by its owner only (rw-------): for secrets. */
    public static void writeSecret(Path target, byte[] content) throws PersistenceException {
        Path dir = target.toAbsolutePath().normalize().getParent();
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PersistenceException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        writeOnce(target, content, Io.OWNER_ONLY);
    }

    static void writeOnce(Path target, byte[] content, Io io) throws PersistenceException {
        Path abs = target.toAbsolutePath().normalize();
        Path tmp = abs.resolveSibling(abs.getFileName() + TMP_MARK + randomSuffix());
        String step = "create " + tmp.getFileName();
        try {
            writeDurably(io, tmp, content);
            step = "rename " + tmp.getFileName() + " to " + abs.getFileName();
            io.move(tmp, abs);
            tmp = null;
            step = "sync the folder " + abs.getParent();
            io.syncDir(abs.getParent());
        } catch (IOException | RuntimeException e) {
            boolean replaced = tmp == null;
            deleteQuietly(tmp);
            throw saveFailed(abs, step, e, replaced);
        }
    }

    /** Steps 1 of the recipe: write every byte, force, close. */
    private static void writeDurably(Io io, Path tmp, byte[] bytes) throws IOException {
        try (FileChannel ch = io.create(tmp)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            int stalls = 0;
            while (buf.hasRemaining()) {
                int n = io.write(ch, buf);
                // A blocking file channel never writes 0 bytes of a non-empty buffer; if it
                // does, do not spin forever but report the file as not written.
                if (n <= 0 && ++stalls > 100) {
                    throw new IOException("short write: " + buf.remaining() + " of " + bytes.length
                            + " bytes not written to " + tmp.getFileName());
                }
            }
            io.force(ch);
        }
    }

    /** Reads the newest valid generation without a payload check of its own. Never throws. */
    public Loaded<byte[]> read() {
        return read(payload -> payload);
    }

    /**
     * Reads the newest generation whose frame is valid and whose payload {@code parser} accepts.
     * Never throws: damage is reported in the result. I/O errors count as damage of that file.
     */
    public <T> Loaded<T> read(PayloadParser<T> parser) {
        List<String> problems = new ArrayList<>(2);
        boolean anyExists = false;
        for (Generation g : new Generation[] {Generation.CURRENT, Generation.PREVIOUS}) {
            Path p = g == Generation.CURRENT ? file : previous;
            try {
                byte[] payload = unframe(readCapped(p));
                anyExists = true;
                T value = parser.parse(payload);
                if (value == null) {
                    throw new PersistenceException("parser returned nothing");
                }
                return new Loaded<>(value, g, problems);
            } catch (NoSuchFileException e) {
                problems.add(p.getFileName() + ": missing");
            } catch (PersistenceException e) {
                anyExists = true;
                problems.add(p.getFileName() + ": " + e.getMessage());
            } catch (IOException | RuntimeException e) {
                // A parser is meant to throw only PersistenceException; anything else still must
                // not stop the start-up, so it counts as damage too.
                anyExists = true;
                problems.add(p.getFileName() + ": cannot read: " + e);
            }
        }
        return new Loaded<>(null, Generation.NONE, anyExists ? problems : List.of());
    }

    /** Deletes the file and its previous generation (missing files are fine). */
    public void delete() throws PersistenceException {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(previous);
        } catch (IOException e) {
            throw new PersistenceException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes leftovers of interrupted saves ({@code *.tmp-*}) in {@code dir} (not below it).
     * They are never a live copy: a save renames its tmp file only when it is complete.
     *
     * @return how many files were deleted
     */
    public static int cleanup(Path dir) throws PersistenceException {
        int deleted = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + TMP_MARK + "*")) {
            for (Path p : stream) {
                if (Files.isRegularFile(p) && Files.deleteIfExists(p)) {
                    deleted++;
                    LOG.log(System.Logger.Level.INFO, "removed the leftover of an interrupted save: {0}", p);
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new PersistenceException("cannot clean up temporary files in " + dir + ": " + e.getMessage(), e);
        }
        return deleted;
    }

    /** The framed form of {@code payload}: header, then payload. */
    static byte[] frame(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH + payload.length).order(ByteOrder.BIG_ENDIAN);
        b.put(MAGIC).putInt(FORMAT_VERSION).putInt(payload.length).putInt((int) crc.getValue()).put(payload);
        return b.array();
    }

    /** Checks a framed file and returns its payload; the message says what is wrong. */
    static byte[] unframe(byte[] bytes) throws PersistenceException {
        if (bytes.length == 0) {
            throw new PersistenceException("empty (0 bytes)");
        }
        if (bytes.length < HEADER_LENGTH) {
            throw new PersistenceException("truncated: " + bytes.length + " bytes, shorter than the "
                    + HEADER_LENGTH + "-byte header");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.get() != MAGIC[i]) {
                throw new PersistenceException("not a bitquark state file: magic is "
                        + HexFormat.of().formatHex(bytes, 0, 4) + ", expected " + HexFormat.of().formatHex(MAGIC));
            }
        }
        int version = b.getInt();
        if (version != FORMAT_VERSION) {
            throw new PersistenceException("frame format version " + Integer.toUnsignedString(version)
                    + ", this build reads version " + FORMAT_VERSION);
        }
        int length = b.getInt();
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new PersistenceException("header declares a payload of " + Integer.toUnsignedString(length)
                    + " bytes, more than the limit of " + MAX_PAYLOAD);
        }
        int crcStored = b.getInt();
        int actual = bytes.length - HEADER_LENGTH;
        if (actual < length) {
            throw new PersistenceException("truncated: " + actual + " of " + length + " payload bytes present");
        }
        if (actual > length) {
            throw new PersistenceException((actual - length) + " unexpected bytes after the " + length + "-byte payload");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, HEADER_LENGTH, length);
        if ((int) crc.getValue() != crcStored) {
            throw new PersistenceException(String.format("checksum mismatch: CRC32C of the payload is %08x, header says %08x",
                    (int) crc.getValue(), crcStored));
        }
        byte[] payload = new byte[length];
        System.arraycopy(bytes, HEADER_LENGTH, payload, 0, length);
        return payload;
    }

    /** Reads a whole file, refusing (before allocating) one larger than any valid state file. */
    static byte[] readCapped(Path p) throws IOException, PersistenceException {
        return readCapped(p, HEADER_LENGTH + (long) MAX_PAYLOAD);
    }

    static byte[] readCapped(Path p, long cap) throws IOException, PersistenceException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > cap) {
                throw new PersistenceException("file is " + size + " bytes, more than the limit of " + cap);
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) {
                    break; // shrank while reading: the frame check reports it as truncated
                }
            }
            return buf.position() == buf.capacity() ? buf.array() : Arrays.copyOf(buf.array(), buf.position());
        }
    }

    private static boolean isValidFrame(Path p) {
        try {
            unframe(readCapped(p));
            return true;
        } catch (IOException | PersistenceException | RuntimeException e) {
            return false;
        }
    }

    private static PersistenceException saveFailed(Path target, String step, Exception e, boolean replaced) {
        String detail = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        String kind = isNoSpace(detail) ? "no space left on device" : "I/O error";
        String message = "cannot save " + target + " (" + kind + "): " + step + " failed: " + detail;
        return replaced
                ? new UnconfirmedSaveException(message + "; the new content is in place but not confirmed durable", e)
                : new PersistenceException(message, e);
    }

    /** The JDK has no exception type for ENOSPC; the OS message is all there is (as in StorageException). */
    static boolean isNoSpace(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("no space left") || lower.contains("disk quota exceeded")
                || lower.contains("not enough space on the disk");
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete temporary file {0}: {1} (removed at next start)", p, e);
        }
    }

    private static String randomSuffix() {
        // Not a secret, only unique: ThreadLocalRandom is seeded at run time (a static SecureRandom
        // would be created, and frozen, at native-image build time).
        return Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36);
    }
}
