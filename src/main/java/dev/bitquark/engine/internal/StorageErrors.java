package dev.bitquark.engine.internal;

import dev.bitquark.storage.StorageException;

/** Storage failures as a user should read them. Stateless. */
final class StorageErrors {
    private StorageErrors() {
    }

    /** The cause first, then the details (file, operation): "no space left on device: write at … failed". */
    static String describe(StorageException e) {
        String what = switch (e.kind()) {
            case NO_SPACE -> "no space left on device";
            case PERMISSION_DENIED -> "permission denied";
            case READ_ONLY -> "read-only file or file system";
            case MISSING_FILE -> "file missing";
            case SHORT_FILE -> "file shorter than expected";
            case PATH_CONFLICT -> "path conflict";
            case PATH_ESCAPE, SYMLINK -> "unsafe path";
            case CLOSED -> "storage closed";
            case IO -> "input/output error";
        };
        return what + ": " + e.detail();
    }
}
