package dev.bitquark.bench;

import dev.bitquark.bencode.BDecoder;
import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.bencode.BValue;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import dev.bitquark.tracker.codec.AnnounceResponse;
import dev.bitquark.tracker.codec.HttpAnnounceCodec;
import dev.bitquark.wire.ExtendedHandshake;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * Bencode decoding, encoding and full metainfo parsing of a 2,000-file torrent (about 200 KB, the shape of a
 * large season pack). MB/s = ops/s × {@link #size()} / 10^6; the size is printed at setup.
 *
 * <p>Small dictionaries as a connection or an announce meets them: an HTTP tracker's compact announce response
 * with 50 peers (raw decode, and the full parse into peer addresses), and a BEP 10 extended handshake like
 * libtorrent's (decode of the payload and our own encode). Their sizes are printed at setup too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BencodeBenchmark {
    byte[] torrent;
    BValue torrentValue;
    byte[] trackerResponse;
    byte[] extendedHandshake;
    ByteBuffer extendedPayload;
    ExtendedHandshake ourHandshake;

    @Setup
    public void build() throws Exception {
        TorrentWriter w = TorrentWriter.multiFile("Season Pack").pieceLength(16384)
                .announce("http://tracker.example/announce");
        for (int i = 0; i < 2000; i++) {
            w.addFile(List.of("Disc " + (i / 100), "Episode " + i + " - A Title Of Some Length.mkv"), new byte[i % 50]);
        }
        torrent = w.write();
        torrentValue = BDecoder.decode(torrent);
        byte[] peers = new byte[50 * 6];
        new Random(5).nextBytes(peers);
        trackerResponse = BEncoder.encode(BDict.builder().put("complete", 40).put("incomplete", 12)
                .put("interval", 1800).put("min interval", 60).put("peers", peers).build());
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("lt_donthave", 7);
        m.put("share_mode", 8);
        m.put("upload_only", 3);
        m.put("ut_holepunch", 4);
        m.put("ut_metadata", 2);
        m.put("ut_pex", 1);
        ExtendedHandshake theirs = new ExtendedHandshake(m, "libtorrent/2.0.8.0", 500,
                InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 6881, 31_337, false, ExtendedHandshake.NOT_SENT);
        extendedHandshake = theirs.encode();
        extendedPayload = ByteBuffer.wrap(extendedHandshake).asReadOnlyBuffer();
        ourHandshake = new ExtendedHandshake(Map.of("ut_metadata", 1, "ut_pex", 2), "bitquark 0.1", 250, null, 6881,
                31_337, false, ExtendedHandshake.NOT_SENT);
        System.out.println("torrent bytes: " + torrent.length + ", tracker response bytes: " + trackerResponse.length
                + ", extended handshake bytes: " + extendedHandshake.length);
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

    @Benchmark
    public byte[] encode() {
        return BEncoder.encode(torrentValue);
    }

    @Benchmark
    public BValue decodeTrackerResponse() {
        return BDecoder.decode(trackerResponse);
    }

    @Benchmark
    public AnnounceResponse parseTrackerResponse() throws Exception {
        return HttpAnnounceCodec.parse(trackerResponse);
    }

    @Benchmark
    public ExtendedHandshake decodeExtendedHandshake() {
        return ExtendedHandshake.decode(extendedPayload);
    }

    @Benchmark
    public byte[] encodeExtendedHandshake() {
        return ourHandshake.encode();
    }
}
