package gov.tawasul.bench.chaos;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The chaos run's own PostgreSQL (a cluster bench/chaos made with initdb in a temporary directory, driven with
 * {@code pg_ctl}) and Redis ({@code redis-server} with an append-only file in the same directory), on private
 * loopback ports: never the machine's servers, so stopping them harms no one.
 */
final class PrivateServers {

    private final List<String> pgCtl;
    private final File pgData;
    private final int pgPort;
    private final File redisDir;
    private final int redisPort;
    private Process redis;

    /** @param pgCtl the pg_ctl command, possibly behind {@code runuser -u postgres --} (space-separated) */
    PrivateServers(String pgCtl, File pgData, int pgPort, File redisDir, int redisPort) {
        this.pgCtl = Arrays.asList(pgCtl.trim().split("\\s+"));
        this.pgData = pgData;
        this.pgPort = pgPort;
        this.redisDir = redisDir;
        this.redisPort = redisPort;
    }

    void startPostgres() throws IOException, InterruptedException {
        pgCtl("-w", "-t", "60", "-l", new File(pgData, "server.log").getAbsolutePath(), "-o",
                "-p " + pgPort + " -k " + pgData.getAbsolutePath() + " -c listen_addresses=127.0.0.1", "start");
    }

    /** {@code pg_ctl stop -m fast}: connections are cut, the server is gone until {@link #startPostgres}. */
    void stopPostgres() throws IOException, InterruptedException {
        pgCtl("-w", "-t", "60", "-m", "fast", "stop");
    }

    private void pgCtl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(pgCtl);
        cmd.add("-D");
        cmd.add(pgData.getAbsolutePath());
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(pgData.getParentFile(), "pg_ctl.log"))).start();
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("pg_ctl " + String.join(" ", args) + " failed (see pg_ctl.log)");
        }
    }

    void startRedis() throws IOException, InterruptedException {
        redis = new ProcessBuilder("redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                "--dir", redisDir.getAbsolutePath(), "--appendonly", "yes", "--save", "", "--protected-mode", "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(redisDir, "redis.log"))).start();
        long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < limit) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", redisPort)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IOException("redis-server did not listen on " + redisPort);
    }

    /** SIGTERM (Redis writes its append-only file and exits); waits for the exit. */
    void stopRedis() throws InterruptedException {
        if (redis != null) {
            redis.destroy();
            if (!redis.waitFor(15, TimeUnit.SECONDS)) {
                redis.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            redis = null;
        }
    }

    void stopAll() {
        try {
            stopRedis();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            stopPostgres();
        } catch (Exception e) {
            // already stopped
        }
    }
}
