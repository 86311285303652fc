package dev.bitquark.storage;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A storage failure with a {@link Kind} the engine can act on (pause the torrent on
 * {@link Kind#NO_SPACE}, mark pieces missing on {@link Kind#MISSING_FILE}, ...) and the file it
 * concerns. Immutable; safe to pass between threads.
 */
public final class StorageException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, coarse enough to decide on a reaction. */
    public enum Kind {
        /** The file system is full or the quota is exhausted (ENOSPC, EDQUOT). */
        NO_SPACE,
        /** Any other input/output error, including a write that made no progress. */
        IO,
        /** A file that should be there for reading is not. */
        MISSING_FILE,
        /** A file is shorter than the bytes being read from it. */
        SHORT_FILE,
        /** A path would leave the torrent's root (e.g. a {@code ..} component). */
        PATH_ESCAPE,
        /** A path component below the root is a symbolic link we did not create. */
        SYMLINK,
        /** A file is where a directory must be, a directory where a file must be, or two files share a path. */
        PATH_CONFLICT,
        /** The file was marked complete (read-only) or the file system is read-only. */
        READ_ONLY,
        /** The operating system refused access. */
        PERMISSION_DENIED,
        /** The storage was closed. */
        CLOSED
    }

    private final Kind kind;
    private final int fileIndex;
    private final transient Path path;
    private final String detail;

    public StorageException(Kind kind, int fileIndex, Path path, String message, Throwable cause) {
        super(kind + ": " + detail(fileIndex, path, message), cause);
        this.kind = kind;
        this.fileIndex = fileIndex;
        this.path = path;
        this.detail = detail(fileIndex, path, message);
    }

    private static String detail(int fileIndex, Path path, String message) {
        return message + (fileIndex >= 0 ? " (file " + fileIndex + (path != null ? " " + path : "") + ")" : "");
    }

    public StorageException(Kind kind, int fileIndex, Path path, String message) {
        this(kind, fileIndex, path, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The message without the kind in front (what failed, where, and the operating system's words):
     * for texts that name the kind in words themselves, e.g. "no space left on device: write at ...".
     */
    public String detail() {
        return detail;
    }

    /** Index of the file concerned, or -1 if none. */
    public int fileIndex() {
        return fileIndex;
    }

    /** Path of the file concerned, or null. */
    public Path path() {
        return path;
    }

    /**
     * Classifies an I/O failure. The JDK has no dedicated exception for ENOSPC, so "no space" is
     * recognized from the operating system's message (POSIX strerror texts and the Windows one).
     */
    public static StorageException classify(IOException e, int fileIndex, Path path, String operation) {
        if (e instanceof StorageException se) {
            return se;
        }
        String msg = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.getMessage();
        String lower = msg == null ? "" : msg.toLowerCase(Locale.ROOT);
        Kind kind;
        if (lower.contains("no space left") || lower.contains("disk quota exceeded")
                || lower.contains("not enough space on the disk")) {
            kind = Kind.NO_SPACE;
        } else if (e instanceof NoSuchFileException) {
            kind = Kind.MISSING_FILE;
        } else if (lower.contains("read-only file system")) {
            kind = Kind.READ_ONLY;
        } else if (e instanceof AccessDeniedException) {
            kind = Kind.PERMISSION_DENIED;
        } else if (lower.contains("too many levels of symbolic links")) {
            kind = Kind.SYMLINK; // O_NOFOLLOW refused a link planted after our own check
        } else {
            kind = Kind.IO;
        }
        return new StorageException(kind, fileIndex, path, operation + " failed: " + (msg == null ? e : msg), e);
    }
}
