package dev.bitquark.app.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Long-lived API tokens for scripts ({@code Authorization: Bearer bqt_<id>_<secret>}), created by a
 * logged-in user and kept until revoked. Only the SHA-256 of each secret is stored, in
 * {@code <data dir>/tokens.bq} (atomic, durable write; owner-only permissions). The id in the token
 * selects the entry, and the secret's digest is compared with {@link MessageDigest#isEqual}.
 *
 * <p>File format: {@code bitquark-tokens=1}, then one {@code token=<id>:<sha256 b64url>:<created
 * epoch s>:<label b64url>} line per token. Thread-safe: lookups and changes hold this object's
 * monitor; changes write the file (blocking, call from a worker thread).
 */
public final class ApiTokens {
    public static final String FILE_NAME = "tokens.bq";
    public static final int MAX_TOKENS = 100;
    public static final int MAX_LABEL = 64;
    private static final String PREFIX = "bqt_";
    private static final int ID_CHARS = 16;
    private static final long MAX_FILE_BYTES = 256 * 1024;

    /** What a listing shows: never the secret. */
    @Schema(name = "TokenInfo")
    public record Info(String id, @Schema(nullable = true) String label, Instant created) {
    }

    /** A new token: {@code token} is shown once, to its creator. */
    public record Created(Info info, String token) {
    }

    private record Entry(Info info, byte[] digest) {
    }

    private final Path file;
    private final SecureRandom random;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private ApiTokens(Path file, SecureRandom random) {
        this.file = file;
        this.random = random;
    }

    /** Loads the tokens of {@code dataDir}; a missing file means none. */
    public static ApiTokens open(Path dataDir, SecureRandom random) {
        ApiTokens t = new ApiTokens(dataDir.toAbsolutePath().normalize().resolve(FILE_NAME), random);
        t.load();
        return t;
    }

    /** Creates and stores a token. @throws IllegalArgumentException for a bad label or too many tokens */
    public synchronized Created create(String label, Instant now) {
        String l = label == null ? "" : label.strip();
        if (l.length() > MAX_LABEL || !l.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f)) {
            throw new IllegalArgumentException("label must be at most " + MAX_LABEL
                    + " printable characters");
        }
        if (entries.size() >= MAX_TOKENS) {
            throw new IllegalArgumentException("at most " + MAX_TOKENS + " API tokens; revoke one first");
        }
        byte[] idBytes = new byte[ID_CHARS / 2];
        random.nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String secret = Tokens.random(random);
        Info info = new Info(id, l, now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        entries.put(id, new Entry(info, Tokens.sha256(secret)));
        try {
            save();
        } catch (AuthSetupException e) {
            entries.remove(id);
            throw e;
        }
        return new Created(info, PREFIX + id + "_" + secret);
    }

    /** True when {@code token} is a stored, unrevoked token. */
    public boolean verify(String token) {
        if (token == null || token.length() > 128 || !token.startsWith(PREFIX)
                || token.length() <= PREFIX.length() + ID_CHARS + 1
                || token.charAt(PREFIX.length() + ID_CHARS) != '_') {
            return false;
        }
        String id = token.substring(PREFIX.length(), PREFIX.length() + ID_CHARS);
        String secret = token.substring(PREFIX.length() + ID_CHARS + 1);
        if (!Tokens.wellFormed(secret, 64)) {
            return false;
        }
        Entry e;
        synchronized (this) {
            e = entries.get(id);
        }
        return e != null && MessageDigest.isEqual(Tokens.sha256(secret), e.digest);
    }

    public synchronized List<Info> list() {
        List<Info> out = new ArrayList<>();
        entries.values().forEach(e -> out.add(e.info));
        return out;
    }

    /** Revokes a token; false when the id is unknown. */
    public synchronized boolean revoke(String id) {
        Entry removed = entries.remove(id);
        if (removed == null) {
            return false;
        }
        try {
            save();
        } catch (AuthSetupException e) {
            entries.put(id, removed);
            throw e;
        }
        return true;
    }

    private void load() {
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new AuthSetupException(file + " is " + size + " bytes, more than " + MAX_FILE_BYTES
                        + "; delete it to drop all API tokens");
            }
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new AuthSetupException("cannot read " + file + ": " + e);
        }
        String[] lines = text.split("\n", -1);
        boolean version = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String where = file + " line " + (i + 1);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.equals("bitquark-tokens=1")) {
                version = true;
            } else if (line.startsWith("token=") && entries.size() < MAX_TOKENS) {
                Entry e = parse(line.substring("token=".length()), where);
                entries.put(e.info.id(), e);
            } else {
                throw new AuthSetupException(where + ": unexpected line; delete " + file
                        + " to drop all API tokens");
            }
        }
        if (!version) {
            throw new AuthSetupException(file + " has no 'bitquark-tokens=1' line; delete it to drop all API tokens");
        }
    }

    private static Entry parse(String value, String where) {
        String[] f = value.split(":", -1);
        try {
            if (f.length != 4 || f[0].length() != ID_CHARS) {
                throw new IllegalArgumentException("expected id:digest:created:label");
            }
            HexFormat.of().parseHex(f[0]);
            byte[] digest = Base64.getUrlDecoder().decode(f[1]);
            if (digest.length != 32) {
                throw new IllegalArgumentException("digest is " + digest.length + " bytes, expected 32");
            }
            Instant created = Instant.ofEpochSecond(Long.parseLong(f[2]));
            String label = new String(Base64.getUrlDecoder().decode(f[3]), StandardCharsets.UTF_8);
            if (label.length() > MAX_LABEL) {
                throw new IllegalArgumentException("label longer than " + MAX_LABEL);
            }
            return new Entry(new Info(f[0], label, created), digest);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new AuthSetupException(where + ": damaged token entry (" + e.getMessage() + ")");
        }
    }

    private void save() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        StringBuilder sb = new StringBuilder("# bitquark API tokens (SHA-256 of each secret; revoke through the API)\n")
                .append("bitquark-tokens=1\n");
        for (Entry e : entries.values()) {
            sb.append("token=").append(e.info.id()).append(':').append(b64.encodeToString(e.digest)).append(':')
                    .append(e.info.created().getEpochSecond()).append(':')
                    .append(b64.encodeToString(e.info.label().getBytes(StandardCharsets.UTF_8))).append('\n');
        }
        try {
            dev.bitquark.app.persistence.AtomicFile.writeSecret(file, sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (dev.bitquark.app.persistence.PersistenceException e) {
            throw new AuthSetupException("cannot store API tokens in " + file + ": " + e);
        }
    }
}
