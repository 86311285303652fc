package dev.bitquark.app.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where the API password comes from. A configured password ({@code bitquark.auth.password}, e.g. from
 * a Kubernetes Secret) always wins and is only hashed in memory. Without one, the first start
 * generates a random password, stores only its salted hash in {@code <data dir>/auth.bq} (atomic,
 * durable write, owner-only permissions) and hands the plain password back once so it can be shown;
 * later starts read the hash and show nothing. There is no default password.
 *
 * <p>File format (UTF-8 text, comment lines start with {@code #}):
 * <pre>
 * bitquark-auth=1
 * password=pbkdf2-sha256$310000$&lt;salt&gt;$&lt;hash&gt;
 * </pre>
 * A damaged file is an error, never a reason to generate a new password silently. Stateless;
 * blocking (file I/O and hashing), call it from a worker thread.
 */
public final class PasswordStore {
    public static final String FILE_NAME = "auth.bq";
    private static final long MAX_FILE_BYTES = 16 * 1024;

    /** Where the active password came from. */
    public enum Source { CONFIGURATION, FILE, GENERATED }

    /**
     * The active password hash. {@code generatedPassword} is non-null only on the start that created
     * it: the caller shows it once and then forgets it.
     */
    public record Loaded(PasswordHash hash, Source source, Path file, char[] generatedPassword) {
    }

    private PasswordStore() {
    }

    /**
     * @throws AuthSetupException when the file cannot be read, is damaged, or cannot be written
     */
    public static Loaded open(Path dataDir, Optional<String> configured, SecureRandom random) {
        Path file = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
        if (configured.isPresent() && !configured.get().isEmpty()) {
            char[] pw = configured.get().toCharArray();
            try {
                return new Loaded(PasswordHash.create(pw, random), Source.CONFIGURATION, file, null);
            } catch (IllegalArgumentException e) {
                throw new AuthSetupException("bitquark.auth.password is unusable: " + e.getMessage());
            } finally {
                Arrays.fill(pw, '\0');
            }
        }
        Optional<PasswordHash> stored = read(file);
        if (stored.isPresent()) {
            return new Loaded(stored.get(), Source.FILE, file, null);
        }
        char[] generated = PasswordGenerator.generate(random);
        PasswordHash hash = PasswordHash.create(generated, random);
        write(file, hash);
        return new Loaded(hash, Source.GENERATED, file, generated);
    }

    /** The stored hash, or empty when the file does not exist. */
    static Optional<PasswordHash> read(Path file) {
        List<String> lines;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new AuthSetupException(file + " is " + size + " bytes, more than the " + MAX_FILE_BYTES
                        + " a password file can be; " + fixHint(file));
            }
            lines = List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n", -1));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new AuthSetupException("cannot read " + file + ": " + e);
        }
        boolean versionSeen = false;
        PasswordHash hash = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq);
            String value = eq < 0 ? "" : line.substring(eq + 1);
            String where = file + " line " + (i + 1);
            switch (key) {
                case "bitquark-auth" -> {
                    if (!"1".equals(value)) {
                        throw new AuthSetupException(where + ": unsupported format version '" + value + "'");
                    }
                    versionSeen = true;
                }
                case "password" -> {
                    try {
                        hash = PasswordHash.decode(value);
                    } catch (IllegalArgumentException e) {
                        throw new AuthSetupException(where + ": " + e.getMessage() + "; " + fixHint(file));
                    }
                }
                default -> throw new AuthSetupException(where + ": unknown key '" + truncate(key) + "'; "
                        + fixHint(file));
            }
        }
        if (!versionSeen || hash == null) {
            throw new AuthSetupException(file + " is damaged (no " + (versionSeen ? "password" : "bitquark-auth")
                    + " line); " + fixHint(file));
        }
        return Optional.of(hash);
    }

    static void write(Path file, PasswordHash hash) {
        String text = "# bitquark API password (salted PBKDF2 hash, the password itself is not stored).\n"
                + "# Delete this file and restart to generate a new password, or set BITQUARK_AUTH_PASSWORD.\n"
                + "bitquark-auth=1\n"
                + "password=" + hash.encode() + "\n";
        try {
            dev.bitquark.app.persistence.AtomicFile.writeSecret(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (dev.bitquark.app.persistence.PersistenceException e) {
            throw new AuthSetupException("cannot store the password hash in " + file + ": " + e);
        }
    }

    private static String fixHint(Path file) {
        return "delete " + file + " to generate a new password, or set BITQUARK_AUTH_PASSWORD";
    }

    private static String truncate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
