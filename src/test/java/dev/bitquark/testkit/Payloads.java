package dev.bitquark.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Deterministic test payloads and byte-exact comparison by SHA-1 of every file. */
public final class Payloads {
    private Payloads() {
    }

    /**
     * A folder of {@code files} files with mixed sizes: empty files, files smaller than a piece,
     * files straddling pieces, nested folders. Content is pseudo-random from {@code seed}.
     */
    public static Path multiFile(Path parent, String name, int files, long seed, int maxFileBytes) throws IOException {
        Path root = parent.resolve(name);
        Random r = new Random(seed);
        for (int i = 0; i < files; i++) {
            int size = switch (i % 7) {
                case 0 -> 0;                         // empty file
                case 1 -> 1 + r.nextInt(1000);       // smaller than a block
                case 2 -> 16_384;                    // exactly one block
                case 3 -> 1 + r.nextInt(40_000);     // smaller than a piece
                default -> r.nextInt(maxFileBytes);  // anything
            };
            Path f = root.resolve(i % 3 == 0 ? "sub" + (i % 2) : ".").resolve("file-" + i + ".bin").normalize();
            write(f, size, r);
        }
        return root;
    }

    public static Path singleFile(Path parent, String name, long size, long seed) throws IOException {
        Path f = parent.resolve(name);
        write(f, size, new Random(seed));
        return f;
    }

    private static void write(Path f, long size, Random r) throws IOException {
        Files.createDirectories(f.getParent());
        byte[] buf = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(f)) {
            long left = size;
            while (left > 0) {
                r.nextBytes(buf);
                int n = (int) Math.min(buf.length, left);
                out.write(buf, 0, n);
                left -= n;
            }
        }
    }

    /** Relative path → SHA-1 hex of every regular file below {@code root} (or of {@code root} itself). */
    public static Map<String, String> sha1Tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (Files.isRegularFile(root)) {
            out.put(root.getFileName().toString(), sha1(root));
            return out;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                out.put(root.relativize(p).toString(), sha1(p));
            }
        }
        return out;
    }

    public static String sha1(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            byte[] buf = new byte[1 << 20];
            try (var in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
