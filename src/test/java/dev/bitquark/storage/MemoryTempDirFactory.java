package dev.bitquark.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Temporary directories on the memory file system {@code /dev/shm} where there is one, else the
 * default place: creating and deleting ten thousand files on a disk mounted with {@code discard}
 * takes half a minute, on tmpfs well under a second. For tests of many files only.
 */
final class MemoryTempDirFactory implements TempDirFactory {
    private static final Path SHM = Path.of("/dev/shm");

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
        if (Files.isDirectory(SHM) && Files.isWritable(SHM)) {
            return Files.createTempDirectory(SHM, "bitquark-storage-");
        }
        return Files.createTempDirectory("bitquark-storage-");
    }
}
