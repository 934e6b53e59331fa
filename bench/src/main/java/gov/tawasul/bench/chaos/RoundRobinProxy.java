package gov.tawasul.bench.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One address in front of the app instances (what a load balancer is): a TCP proxy on 127.0.0.1 that gives each new
 * connection to the next backend port in turn, skipping a backend that refuses the connection. A connection whose
 * backend dies is closed, as a balancer would; the client retries on a new one. Two threads per connection.
 */
final class RoundRobinProxy implements AutoCloseable {

    private final ServerSocket server;
    private final List<Integer> backends = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean open = true;

    RoundRobinProxy(int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        Thread accept = new Thread(this::acceptLoop, "proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void backends(List<Integer> ports) {
        backends.clear();
        backends.addAll(ports);
    }

    private void acceptLoop() {
        while (open) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> connect(client), "proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!open) {
                    return;
                }
            }
        }
    }

    private void connect(Socket client) {
        List<Integer> ports = List.copyOf(backends);
        for (int tries = 0; tries < ports.size(); tries++) {
            int port = ports.get(Math.floorMod(next.getAndIncrement(), ports.size()));
            Socket backend = new Socket();
            try {
                backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
                backend.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
                Thread up = new Thread(() -> pipe(client, backend), "proxy-up");
                up.setDaemon(true);
                up.start();
                pipe(backend, client);
                return;
            } catch (IOException e) {
                closeQuietly(backend);
            }
        }
        closeQuietly(client);
    }

    private static void pipe(Socket from, Socket to) {
        byte[] buf = new byte[16_384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed or died
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
    }
}
