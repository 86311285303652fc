package dev.bitquark.app.persistence;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The {@link SessionStore} contract on {@link FileSessionStore}. */
class FileSessionStoreContractTest extends SessionStoreContract {
    @TempDir
    Path dir;

    @Override
    SessionStore fresh() throws Exception {
        return reopened();
    }

    @Override
    SessionStore reopened() throws Exception {
        FileSessionStore s = new FileSessionStore(dir.resolve("state"));
        s.open();
        return s;
    }
}
