package dev.bitquark.testkit;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Free loopback ports (TCP and UDP both free) and bounded waits for a listener. */
public final class Ports {
    private Ports() {
    }

    /** A port free for TCP and UDP on 127.0.0.1, below the Linux ephemeral range when possible. */
    public static int free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20000 + (int) (Math.random() * 12000);
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                    return port;
                }
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port found");
    }

    public static void awaitListening(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException e) {
                ExternalProcess.sleep(50);
            }
        }
        throw new IllegalStateException("nothing listens on 127.0.0.1:" + port + " after " + timeout);
    }
}
