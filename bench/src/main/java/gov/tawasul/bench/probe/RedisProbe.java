package gov.tawasul.bench.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Talks RESP to the shared Redis server over plain sockets. {@link #flushDb} empties only the bench's database index.
 * {@link Monitor} counts the commands run against that index (Redis {@code MONITOR} prints
 * {@code <time> [<db> <client>] "COMMAND" …} for every command, with the client {@code lua} for commands run by a
 * script; lines of other indexes, i.e. other developers' tests, are skipped), which {@code INFO commandstats} cannot do because it is server-wide.
 */
public final class RedisProbe {

    private static final Pattern MONITOR_LINE = Pattern.compile("^\\+\\d+\\.\\d+ \\[(\\d+) ([^]]*)] \"([^\"]+)\"");

    private final String host;
    private final int port;
    private final int db;

    public RedisProbe(String host, int port, int db) {
        this.host = host;
        this.port = port;
        this.db = db;
    }

    /** Empties the bench's database index. */
    public void flushDb() throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out.write(command("SELECT", Integer.toString(db)));
            out.write(command("FLUSHDB"));
            out.flush();
            String select = in.readLine();
            String flush = in.readLine();
            if (!"+OK".equals(select) || !"+OK".equals(flush)) {
                throw new IOException("Redis answered " + select + " / " + flush);
            }
        }
    }

    /** @return the server's {@code redis_version} from {@code INFO server} */
    public String serverVersion() throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(command("INFO", "server"));
            socket.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("redis_version:")) {
                    return line.substring("redis_version:".length()).strip();
                }
            }
            return "?";
        }
    }

    /** Starts counting the commands of the bench's index. */
    public Monitor monitor() throws IOException {
        return new Monitor();
    }

    private static byte[] command(String... args) {
        StringBuilder s = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            s.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A running {@code MONITOR}; {@link #close} stops it. */
    public final class Monitor implements AutoCloseable {
        private final Socket socket;
        private final Thread reader;
        private final AtomicLong total = new AtomicLong();
        private final AtomicLong inScripts = new AtomicLong();
        private final Map<String, AtomicLong> byCommand = new ConcurrentHashMap<>();
        private volatile boolean counting = true;

        private Monitor() throws IOException {
            socket = new Socket(host, port);
            socket.getOutputStream().write(command("MONITOR"));
            socket.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String ok = in.readLine();
            if (!"+OK".equals(ok)) {
                socket.close();
                throw new IOException("MONITOR refused: " + ok);
            }
            reader = new Thread(() -> read(in), "redis-monitor");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(BufferedReader in) {
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    Matcher m = MONITOR_LINE.matcher(line);
                    if (counting && m.find() && Integer.parseInt(m.group(1)) == db) {
                        boolean script = "lua".equals(m.group(2));
                        (script ? inScripts : total).incrementAndGet();
                        String name = (script ? "(in script) " : "") + m.group(3).toUpperCase();
                        byCommand.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }

        /** @return commands sent by clients (each one round trip), counted so far */
        public long total() {
            return total.get();
        }

        /** @return commands run inside Lua scripts ({@code EVAL}), which MONITOR shows with the client {@code lua} */
        public long inScripts() {
            return inScripts.get();
        }

        /** @return commands counted so far, by name */
        public Map<String, Long> byCommand() {
            Map<String, Long> out = new TreeMap<>();
            byCommand.forEach((k, v) -> out.put(k, v.get()));
            return out;
        }

        @Override
        public void close() throws IOException {
            counting = false;
            socket.close();
        }
    }
}
