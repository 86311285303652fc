package dev.bitquark.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real, throw-away PostgreSQL server for tests: its own cluster in a temporary folder, listening
 * on a free port of 127.0.0.1 only (Unix socket in the same folder), trust authentication, user
 * {@code postgres}. No Docker and no system service: the binaries of the Debian {@code postgresql}
 * package are run directly ({@code BITQUARK_PG_BIN} overrides the folder).
 *
 * <p>PostgreSQL refuses to run as root, so when the tests run as root (CI) the cluster folder is
 * given to the {@code postgres} account and every server command runs through
 * {@code runuser -u postgres --}; otherwise the commands run as the current user.
 *
 * <p>{@link #kill9()} crashes the server (SIGKILL to every server process) and {@link #restart()}
 * starts it again on the same data folder and port, which runs PostgreSQL's crash recovery.
 *
 * <p>Every wait is bounded. {@link #close()} stops the server ({@code pg_ctl stop -m immediate}: its
 * data is thrown away anyway) and deletes the folder. One instance per test class (start it in
 * {@code @BeforeAll}, close it in {@code @AfterAll}); its methods are thread-safe.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "postgres";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin;
    private final Path base;
    private final Path dataDir;
    private final boolean asPostgresUser;
    private final int port;
    private volatile boolean stopped;
    /** False between {@link #kill9()} and {@link #restart()}. */
    private volatile boolean running = true;

    private PostgresServer(Path bin, Path base, boolean asPostgresUser, int port) {
        this.bin = bin;
        this.base = base;
        this.dataDir = base.resolve("data");
        this.asPostgresUser = asPostgresUser;
        this.port = port;
    }

    private static PostgresServer shared;

    /**
     * One server for every test of this JVM that needs only fresh databases ({@link #createDatabase}
     * names never repeat): started on first use, stopped when the JVM exits. Tests that stop or
     * kill the server start their own.
     */
    public static synchronized PostgresServer shared() throws IOException {
        if (shared == null) {
            PostgresServer s = start();
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "postgres-test-stop"));
            shared = s;
        }
        return shared;
    }

    /** Creates a fresh cluster and starts it; throws with the server's log if that fails. */
    public static PostgresServer start() throws IOException {
        Path bin = findBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path base = Files.createTempDirectory("bitquark-pg-");
        try {
            if (root) {
                // The temporary folder is root's and 0700: hand it to the server's account.
                UserPrincipal postgres = base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
                Files.setOwner(base, postgres);
                Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx------"));
            }
            PostgresServer server = null;
            IOException last = null;
            // A free port can be taken between the probe and the bind: try a few.
            for (int attempt = 0; attempt < 3 && server == null; attempt++) {
                PostgresServer candidate = new PostgresServer(bin, base, root, freePort());
                if (attempt == 0) {
                    candidate.initdb();
                }
                try {
                    candidate.startServer();
                    server = candidate;
                } catch (IOException e) {
                    last = e;
                }
            }
            if (server == null) {
                throw last;
            }
            server.awaitReady();
            return server;
        } catch (IOException | RuntimeException e) {
            deleteTree(base);
            throw e;
        }
    }

    /** Folder of initdb/pg_ctl/pg_isready: {@code BITQUARK_PG_BIN}, else the newest /usr/lib/postgresql/N/bin. */
    static Path findBinaries() throws IOException {
        String override = System.getenv("BITQUARK_PG_BIN");
        if (override != null && !override.isBlank()) {
            return requireInitdb(Path.of(override));
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            throw new IOException("PostgreSQL is not installed: no " + root + " (apt-get install postgresql, "
                    + "see .ci/install-test-deps) and BITQUARK_PG_BIN is not set");
        }
        try (Stream<Path> versions = Files.list(root)) {
            Path newest = versions.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString())))
                    .orElseThrow(() -> new IOException("no PostgreSQL version folder in " + root));
            return requireInitdb(newest.resolve("bin"));
        }
    }

    private static Path requireInitdb(Path bin) throws IOException {
        if (!Files.isExecutable(bin.resolve("initdb"))) {
            throw new IOException("no executable initdb in " + bin);
        }
        return bin;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    private void initdb() throws IOException {
        // --no-sync: a test cluster need not survive a power cut; C locale: same on every machine.
        run(COMMAND_TIMEOUT, bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", USER,
                "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync");
    }

    private void startServer() throws IOException {
        String options = "-c listen_addresses=127.0.0.1 -p " + port + " -k " + base
                + " -c max_connections=50 -c shared_buffers=32MB";
        try {
            run(COMMAND_TIMEOUT, bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l", log().toString(),
                    "-w", "-t", String.valueOf(READY_TIMEOUT.toSeconds()), "-o", options, "start");
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "\nserver log:\n" + serverLog(), e);
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            Result r = exec(Duration.ofSeconds(5), bin.resolve("pg_isready").toString(), "-h", "127.0.0.1",
                    "-p", String.valueOf(port), "-U", USER, "-t", "2");
            if (r.exitCode == 0) {
                return;
            }
            last = r.output;
            sleep(100);
        }
        throw new IOException("PostgreSQL on 127.0.0.1:" + port + " not ready after " + READY_TIMEOUT + ": " + last
                + "\nserver log:\n" + serverLog());
    }

    public int port() {
        return port;
    }

    /**
     * Crashes the server: SIGKILL to the postmaster and every process it started (as an OOM kill of
     * the whole container would), with no shutdown and no checkpoint. The data folder stays.
     */
    public synchronized void kill9() throws IOException {
        if (!running) {
            throw new IllegalStateException("PostgreSQL is not running");
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.US_ASCII)
                    .getFirst().trim());
        } catch (RuntimeException e) {
            throw new IOException("cannot read the postmaster's pid from " + dataDir.resolve("postmaster.pid"), e);
        }
        ProcessHandle postmaster = ProcessHandle.of(pid)
                .orElseThrow(() -> new IOException("postmaster " + pid + " is not running"));
        List<ProcessHandle> all = new ArrayList<>();
        all.add(postmaster);
        all.addAll(postmaster.descendants().toList());
        for (ProcessHandle h : all) {
            h.destroyForcibly();
        }
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while killing PostgreSQL", e);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IOException("PostgreSQL process " + h.pid() + " did not die of SIGKILL", e);
            }
        }
        running = false;
    }

    /** Starts a server stopped by {@link #kill9()} again: same data folder, same port (crash recovery runs). */
    public synchronized void restart() throws IOException {
        if (running) {
            throw new IllegalStateException("PostgreSQL is running");
        }
        startServer();
        awaitReady();
        running = true;
    }

    /** JDBC URL of {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A fresh, empty database with a unique name derived from {@code prefix}; returns its name. */
    public String createDatabase(String prefix) throws SQLException {
        String name = (prefix.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_"
                + DATABASES.incrementAndGet());
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("unusable database name " + name);
        }
        try (Connection c = dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    /** A non-pooling DataSource for {@code database}, as user {@value #USER}. */
    public PGSimpleDataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser(USER);
        ds.setConnectTimeout(10);
        ds.setSocketTimeout(60);
        return ds;
    }

    /** The last lines of the server's log, for failure messages. */
    public String serverLog() {
        try {
            if (!Files.exists(log())) {
                return "(no log)";
            }
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private Path log() {
        return base.resolve("server.log");
    }

    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (!running) {
                return;
            }
            run(COMMAND_TIMEOUT, bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate",
                    "-w", "-t", "20", "stop");
        } catch (IOException e) {
            System.err.println("PostgreSQL test server did not stop cleanly: " + e.getMessage());
        } finally {
            deleteTree(base);
        }
    }

    private void run(Duration timeout, String... command) throws IOException {
        Result r = exec(timeout, command);
        if (r.exitCode != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + r.exitCode + ":\n" + r.output);
        }
    }

    private Result exec(Duration timeout, String... command) throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true).directory(base.toFile());
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        p.getOutputStream().close();
        // pg_ctl start leaves the server holding no pipe of ours (its output goes to -l), so
        // reading to the end returns once the command itself exits.
        CompletableFuture<String> out = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (InputStream in = p.getInputStream()) {
                out.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.complete("(output unreadable: " + e + ")");
            }
        });
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IOException(String.join(" ", full) + " did not finish within " + timeout);
            }
            return new Result(p.exitValue(), out.completeOnTimeout("(output still open)", 5, TimeUnit.SECONDS).get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + full, e);
        } catch (ExecutionException e) {
            throw new IOException("cannot read the output of " + full, e);
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Best effort: a left-over folder in the temporary directory must not fail a test.
            System.err.println("cannot delete " + root + ": " + e);
        }
    }
}
