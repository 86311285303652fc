package dev.bitquark.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Three services on 127.0.0.1 over real UDP, bootstrapped from each other. */
class DhtServiceTest {
    Vertx vertx;
    final List<DhtService> services = new ArrayList<>();

    @BeforeEach
    void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void close() throws Exception {
        for (DhtService s : services) {
            await(s.close());
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    DhtService start(List<String> bootstrap) throws Exception {
        DhtService s = await(DhtService.start(vertx, DhtSettings.defaults("127.0.0.1", 0).withBootstrap(bootstrap), null));
        services.add(s);
        return s;
    }

    /** Completes when {@code test} holds for the service's stats, polled on a Vert.x timer; bounded by the caller. */
    CompletableFuture<DhtStats> when(DhtService s, Predicate<DhtStats> test) {
        CompletableFuture<DhtStats> done = new CompletableFuture<>();
        long timer = vertx.setPeriodic(50, t -> s.stats().onSuccess(st -> {
            if (test.test(st)) {
                done.complete(st);
            }
        }));
        done.whenComplete((v, e) -> vertx.cancelTimer(timer));
        return done;
    }

    @Test
    void oneServiceFindsAPeerAnotherAnnounced() throws Exception {
        DhtService a = start(List.of());
        assertTrue(a.port() > 0);
        DhtService b = start(List.of("127.0.0.1:" + a.port()));
        DhtService c = start(List.of("127.0.0.1:" + a.port(), "127.0.0.1:" + b.port(), "no-such-host.invalid:6881"));
        byte[] ih = new byte[20];
        ih[0] = 42;
        DhtLookup announce = a.getPeers(ih, 7777, false, peers -> { });
        when(b, st -> st.storedPeers() >= 1).get(10, TimeUnit.SECONDS);

        CompletableFuture<List<InetSocketAddress>> found = new CompletableFuture<>();
        DhtLookup lookup = c.getPeers(ih, 0, false, found::complete);
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 7777)), found.get(10, TimeUnit.SECONDS));
        lookup.stop();
        announce.wantMore(true);
        announce.stop();

        DhtStats cs = await(c.stats());
        assertEquals(List.of("no-such-host.invalid:6881"), cs.unresolvedRouters());
        assertTrue(cs.goodNodes() >= 1, cs.toString());
        DhtState state = await(b.state());
        assertEquals(1, DhtState.decode(state.encode()).storedPeers().size());
    }
}
