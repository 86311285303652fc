package dev.bitquark.app.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordStoreTest {
    @TempDir
    Path dir;

    final SecureRandom random = new SecureRandom();

    @Test
    void firstStartGeneratesALongPasswordAndStoresOnlyItsHash() throws IOException {
        PasswordStore.Loaded first = PasswordStore.open(dir, Optional.empty(), random);

        assertEquals(PasswordStore.Source.GENERATED, first.source());
        char[] pw = first.generatedPassword();
        assertNotNull(pw);
        assertTrue(pw.length >= 20, "generated password has " + pw.length + " characters");
        assertTrue(first.hash().matches(pw));
        assertTrue(first.hash().iterations() >= 100_000);

        Path file = dir.resolve(PasswordStore.FILE_NAME);
        String stored = Files.readString(file);
        assertFalse(stored.contains(new String(pw)), "the file must not contain the password");
        assertTrue(stored.contains("password=pbkdf2-sha256$"), stored);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(1, left.count(), "no temporary file may be left next to auth.bq");
        }
    }

    @Test
    void laterStartsReuseTheStoredHashAndShowNothing() {
        PasswordStore.Loaded first = PasswordStore.open(dir, Optional.empty(), random);
        char[] pw = first.generatedPassword().clone();

        PasswordStore.Loaded second = PasswordStore.open(dir, Optional.empty(), random);

        assertEquals(PasswordStore.Source.FILE, second.source());
        assertNull(second.generatedPassword());
        assertTrue(second.hash().matches(pw));
        assertFalse(second.hash().matches("not-it".toCharArray()));
    }

    @Test
    void twoInstallationsGetDifferentPasswords(@TempDir Path other) {
        char[] a = PasswordStore.open(dir, Optional.empty(), random).generatedPassword();
        char[] b = PasswordStore.open(other, Optional.empty(), random).generatedPassword();
        assertFalse(new String(a).equals(new String(b)));
    }

    @Test
    void configuredPasswordWinsAndWritesNoFile() {
        PasswordStore.Loaded l = PasswordStore.open(dir, Optional.of("from-the-secret"), random);

        assertEquals(PasswordStore.Source.CONFIGURATION, l.source());
        assertNull(l.generatedPassword());
        assertTrue(l.hash().matches("from-the-secret".toCharArray()));
        assertFalse(Files.exists(dir.resolve(PasswordStore.FILE_NAME)));
    }

    @Test
    void emptyConfiguredPasswordMeansGenerate() {
        PasswordStore.Loaded l = PasswordStore.open(dir, Optional.of(""), random);
        assertEquals(PasswordStore.Source.GENERATED, l.source());
    }

    @Test
    void damagedFileIsAnErrorNamingTheLineNotANewPassword() throws IOException {
        Path file = dir.resolve(PasswordStore.FILE_NAME);
        Files.writeString(file, "bitquark-auth=1\npassword=pbkdf2-sha256$12$AAAA$BBBB\n", StandardCharsets.UTF_8);
        byte[] before = Files.readAllBytes(file);

        AuthSetupException e = assertThrows(AuthSetupException.class,
                () -> PasswordStore.open(dir, Optional.empty(), random));

        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("iterations"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "a damaged file is left for the operator");
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Files.writeString(dir.resolve(PasswordStore.FILE_NAME), "");
        AuthSetupException e = assertThrows(AuthSetupException.class,
                () -> PasswordStore.open(dir, Optional.empty(), random));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void unwritableFolderFailsInsteadOfRunningWithoutPassword() throws IOException {
        Path ro = dir.resolve("ro");
        Files.createDirectories(ro);
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-x------"));
        try {
            if (Files.isWritable(ro)) {
                return; // running as root: permissions do not bind, nothing to test
            }
            AuthSetupException e = assertThrows(AuthSetupException.class,
                    () -> PasswordStore.open(ro, Optional.empty(), random));
            assertTrue(e.getMessage().contains("cannot store"), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
