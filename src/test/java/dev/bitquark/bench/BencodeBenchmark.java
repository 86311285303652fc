package dev.bitquark.bench;

import dev.bitquark.bencode.BDecoder;
import dev.bitquark.bencode.BValue;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bencode decoding and full metainfo parsing of a 2,000-file torrent (about 200 KB, the shape of a
 * large season pack). MB/s = ops/s × {@link #size()} / 10^6; the size is printed at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BencodeBenchmark {
    byte[] torrent;

    @Setup
    public void build() throws Exception {
        TorrentWriter w = TorrentWriter.multiFile("Season Pack").pieceLength(16384)
                .announce("http://tracker.example/announce");
        for (int i = 0; i < 2000; i++) {
            w.addFile(List.of("Disc " + (i / 100), "Episode " + i + " - A Title Of Some Length.mkv"), new byte[i % 50]);
        }
        torrent = w.write();
        System.out.println("torrent bytes: " + torrent.length);
    }

    public int size() {
        return torrent.length;
    }

    @Benchmark
    public BValue decode() {
        return BDecoder.decode(torrent);
    }

    @Benchmark
    public Metainfo parseMetainfo() throws Exception {
        return Metainfo.parse(torrent);
    }
}
