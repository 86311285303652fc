package dev.bitquark.storage;

import java.io.Closeable;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Where a torrent's payload lives, addressed the way the protocol addresses it: piece, offset in
 * the piece, length (BEP 3). Implementations map those ranges onto files, directories or anything
 * else; the engine and the {@link StorageChecker} see only this interface.
 *
 * <p><b>Threading:</b> every method is blocking; call from a disk worker, never from an event loop.
 * An implementation is not thread-safe per file handle unless it says so ({@link FileStorage}
 * does: see its Javadoc).
 *
 * <p><b>Durability:</b> a completed write is in the operating system's cache, not on disk.
 * Call {@link #sync} for the files of a piece before persisting that the piece is had, so a crash
 * never leaves a "have" bit for data that was lost.
 */
public interface PieceStorage extends Closeable {
    /**
     * Makes the storage of one torrent. The engine takes one from its config ({@code EngineConfig.storage()}):
     * {@link FileStorage} by default; tests plug in memory or faulty storages.
     */
    @FunctionalInterface
    interface Factory {
        /**
         * @param root the torrent's save folder
         * @param confinement the folder writes must stay inside (links resolved), or null: the root itself
         * @param name a name unique to the torrent (its info-hash in hex), for what the storage keeps of its own
         */
        PieceStorage create(Path root, StorageLayout layout, int maxOpenFiles, Path confinement, String name)
                throws StorageException;
    }

    /** Files on disk ({@link FileStorage}), with the part file {@code .<name>.parts}. */
    Factory FILES = (root, layout, maxOpenFiles, confinement, name) ->
            new FileStorage(root, layout, maxOpenFiles, confinement, "." + name + ".parts");

    /** A file's size and modification time (ms) as stored, for noticing changes between runs; -1 and -1: missing. */
    record Stamp(long size, long mtimeMillis) {
        /** Not known: never matches, so resume data taken with it is checked in full. */
        public static final Stamp UNKNOWN = new Stamp(-2, -2);
    }

    StorageLayout layout();

    /**
     * File {@code fileIndex}'s {@link Stamp}. The default knows the length only and no time, which makes every
     * start after a stop check every piece; a storage that can tell changes apart overrides it.
     */
    default Stamp stamp(int fileIndex) throws StorageException {
        return Stamp.UNKNOWN;
    }

    /**
     * Writes {@code src.remaining()} bytes at {@code begin} of {@code piece}; on return {@code src}
     * is consumed (position == limit). Bytes that fall into padding files are dropped.
     *
     * @throws IllegalArgumentException if the range is not inside the piece
     * @throws StorageException on any failure; nothing is retried
     */
    void writeBlock(int piece, int begin, ByteBuffer src) throws StorageException;

    /**
     * Reads {@code length} bytes at {@code begin} of {@code piece} into {@code dst} (which must
     * have that much room), advancing its position. Padding files read as zeros.
     *
     * @throws StorageException with {@link StorageException.Kind#MISSING_FILE} or
     *     {@link StorageException.Kind#SHORT_FILE} when the data is not (fully) on disk
     */
    void readBlock(int piece, int begin, int length, ByteBuffer dst) throws StorageException;

    /**
     * The file ranges behind {@code length} bytes at {@code begin} of {@code piece}, in order, for
     * zero-copy sending; padding appears as {@link FileRegion#zeros}. Touches no file. Null when some of the
     * bytes are not in a plain file of their own (read them with {@link #readBlock} instead).
     */
    List<FileRegion> regions(int piece, int begin, int length);

    /** Indexes of the files (padding excluded) holding some byte of {@code piece}, ascending. */
    int[] filesOfPiece(int piece);

    /**
     * Marks a file complete: it will only be read from now on, so its handle is reopened
     * read-only (safer while seeding) and writes to it fail with {@link StorageException.Kind#READ_ONLY}.
     */
    void setFileComplete(int fileIndex) throws StorageException;

    /** Undoes {@link #setFileComplete}, e.g. after a recheck found a bad piece in the file. */
    void setFileIncomplete(int fileIndex);

    /**
     * Forces to disk ({@code force(false)}) those of the given files written since their last
     * sync, also when their handle was closed meanwhile; reports a write-back failure of any of them.
     */
    void sync(Set<Integer> fileIndexes) throws StorageException;

    /** Forces to disk every file written since its last sync. */
    void flush() throws StorageException;

    /** Length of the file on disk, or -1 if it does not exist. Padding files report their full length. */
    long fileLength(int fileIndex) throws StorageException;

    /** True if the file exists on disk; padding files always "exist". */
    default boolean exists(int fileIndex) throws StorageException {
        return fileLength(fileIndex) >= 0;
    }

    /** Creates the zero-length files of the layout (they never receive a write), e.g. on completion. */
    void createEmptyFiles() throws StorageException;

    /**
     * Deletes the torrent's files and then the directories its layout implies, deepest first and
     * only if empty; never anything else. Closes all handles first.
     *
     * @return what was deleted, files first
     */
    List<Path> deleteFiles() throws StorageException;

    /**
     * Moves the torrent's files under {@code newRoot}. On failure the old copy stays intact and in
     * use. The caller stops all other I/O of the torrent while this runs.
     */
    void moveTo(Path newRoot) throws StorageException;

    /**
     * Gives files new paths below the root ({@code index → components}): those on disk are renamed (no existing
     * file is replaced; no path may leave the root, also through a link), those not on disk just take the new
     * paths, and folders left empty go. All or nothing as far as the checks go: every new path is checked before
     * the first rename. Storages that cannot rename refuse.
     */
    default void rename(java.util.Map<Integer, List<String>> paths) throws StorageException {
        throw new StorageException(StorageException.Kind.IO, -1, null, "this storage cannot rename files");
    }

    /**
     * Which files are skipped as the torrent starts or is checked again (one flag per file of the layout). A
     * storage may keep the bytes of skipped files that share a piece with a wanted file somewhere other than the
     * file itself (a part file), so that a skipped file is never created; reads and writes are the same either
     * way. Blocking. The default keeps everything in the files.
     */
    default void setSkipped(boolean[] skipped) throws StorageException {
    }

    /**
     * File {@code file} becomes skipped. {@code relocate}: nothing of its own is worth keeping (no piece that lies
     * only in it is had, and it is not complete), so a storage may take its bytes elsewhere and remove it.
     */
    default void skip(int file, boolean relocate) throws StorageException {
    }

    /** File {@code file} becomes wanted again: bytes kept elsewhere for it move into it. */
    default void unskip(int file) throws StorageException {
    }

    /** Where the files are now. */
    Path root();

    /** Flushes written files and closes every handle; later calls fail with {@link StorageException.Kind#CLOSED}. */
    @Override
    void close() throws StorageException;
}
