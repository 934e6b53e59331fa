package gov.tawasul.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tests: the commands the Redis server executes on one database index, as {@code MONITOR} shows them (every command
 * a client sent is one round trip; those a Lua script ran are marked {@code lua} and cost none). {@code MONITOR}
 * sees the whole server, so only the lines of the test's own index are kept.
 */
final class RedisMonitor implements AutoCloseable {

    /** {@code +1733220000.123456 [3 127.0.0.1:52344] "EVAL" "…"}. */
    private static final Pattern LINE = Pattern.compile("^\\+\\d+\\.\\d+ \\[(\\d+) (\\S+)\\] \"([^\"]+)\".*$");

    /** One command: its name (upper case) and whether a script ran it. */
    record Command(String name, boolean inScript) {
    }

    private final Socket socket;
    private final int index;
    private final List<Command> commands = new ArrayList<>();
    private final Thread reader;

    /** Starts monitoring {@code url} (redis://host:port/index); returns once the server confirmed. */
    RedisMonitor(String url) throws IOException {
        URI uri = URI.create(url);
        String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
        this.index = path.isEmpty() ? 0 : Integer.parseInt(path);
        this.socket = new Socket(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
        OutputStream out = socket.getOutputStream();
        out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String ok = in.readLine();
        if (!"+OK".equals(ok)) {
            throw new IOException("MONITOR refused: " + ok);
        }
        reader = new Thread(() -> {
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    Matcher m = LINE.matcher(line);
                    if (m.matches() && Integer.parseInt(m.group(1)) == index) {
                        synchronized (commands) {
                            commands.add(new Command(m.group(3).toUpperCase(), "lua".equals(m.group(2))));
                        }
                    }
                }
            } catch (IOException closed) {
                // closed by close()
            }
        }, "redis-monitor");
        reader.setDaemon(true);
        reader.start();
    }

    /** @return the commands seen since the last {@link #reset}, oldest first */
    List<Command> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    /** @return the commands clients sent (not those scripts ran) since the last reset */
    List<String> roundTrips() {
        return commands().stream().filter(c -> !c.inScript()).map(Command::name).toList();
    }

    void reset() {
        synchronized (commands) {
            commands.clear();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
