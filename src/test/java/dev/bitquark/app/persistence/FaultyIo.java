package dev.bitquark.app.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real file-system steps ({@link Io#SYSTEM}) with one injected fault: the n-th call (counting
 * every step, from 0) fails with EIO or ENOSPC, writes part of its buffer and then fails, or stops
 * the save dead like a crash ({@link Crash}, an Error the code under test does not catch, so it
 * cleans nothing up). Records the name of every step called. Not thread-safe.
 */
final class FaultyIo implements Io {
    enum Fault {
        /** IOException "Input/output error" before the step does anything. */
        EIO,
        /** IOException "No space left on device" before the step does anything. */
        ENOSPC,
        /** A write step writes half of what remains, then the next write call fails with ENOSPC. */
        PARTIAL_WRITE,
        /** The process dies before the step. */
        CRASH_BEFORE,
        /** The process dies right after the step completed. */
        CRASH_AFTER
    }

    /** A simulated crash: nothing after it runs, not even cleanup in catch blocks. */
    static final class Crash extends Error {
        Crash(String step) {
            super("simulated crash at " + step);
        }
    }

    private final int failAt;
    private final Fault fault;
    private final List<String> steps = new ArrayList<>();
    private boolean failNextWrite;

    /** No fault: counts and records the steps. */
    FaultyIo() {
        this(-1, Fault.EIO);
    }

    FaultyIo(int failAt, Fault fault) {
        this.failAt = failAt;
        this.fault = fault;
    }

    int failAt() {
        return failAt;
    }

    List<String> steps() {
        return steps;
    }

    /** True if the fault was reached (the save had at least {@code failAt + 1} steps). */
    boolean fired() {
        return steps.size() > failAt && failAt >= 0;
    }

    private interface Step<T> {
        T run() throws IOException;
    }

    private <T> T step(String name, Step<T> action) throws IOException {
        int index = steps.size();
        steps.add(name);
        if (index != failAt) {
            return action.run();
        }
        switch (fault) {
            case EIO -> throw new IOException("Input/output error");
            case ENOSPC, PARTIAL_WRITE -> throw new IOException("No space left on device");
            case CRASH_BEFORE -> throw new Crash(name);
            case CRASH_AFTER -> {
                action.run();
                throw new Crash(name);
            }
        }
        throw new AssertionError(fault);
    }

    @Override
    public FileChannel create(Path tmp) throws IOException {
        return step("create", () -> SYSTEM.create(tmp));
    }

    @Override
    public int write(FileChannel channel, ByteBuffer src) throws IOException {
        if (failNextWrite) {
            steps.add("write");
            throw new IOException("No space left on device");
        }
        if (fault == Fault.PARTIAL_WRITE && steps.size() == failAt) {
            steps.add("write");
            ByteBuffer half = src.duplicate();
            half.limit(src.position() + Math.max(1, src.remaining() / 2));
            int n = SYSTEM.write(channel, half);
            src.position(src.position() + n);
            failNextWrite = true;
            return n;
        }
        return step("write", () -> SYSTEM.write(channel, src));
    }

    @Override
    public void force(FileChannel channel) throws IOException {
        step("force", () -> {
            SYSTEM.force(channel);
            return null;
        });
    }

    @Override
    public void link(Path link, Path existing) throws IOException {
        step("link", () -> {
            SYSTEM.link(link, existing);
            return null;
        });
    }

    @Override
    public void move(Path from, Path to) throws IOException {
        step("move", () -> {
            SYSTEM.move(from, to);
            return null;
        });
    }

    @Override
    public void syncDir(Path dir) throws IOException {
        step("syncDir", () -> {
            SYSTEM.syncDir(dir);
            return null;
        });
    }
}
