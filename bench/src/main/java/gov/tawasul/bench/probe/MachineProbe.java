package gov.tawasul.bench.probe;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * How busy the machine was during a step, from Linux's {@code /proc} (proc(5)): the 1-minute load average
 * ({@code /proc/loadavg}, first field), the busy CPU time of all cores ({@code /proc/stat}, line {@code cpu}: user +
 * nice + system + irq + softirq + steal, in clock ticks; idle and iowait are not busy) and the CPU time
 * ({@code utime + stime} of {@code /proc/<pid>/stat}) of the processes of the pipeline: the app, this bench JVM, and
 * the {@code postgres} and {@code redis-server} processes. Backends of PostgreSQL that serve another database
 * (other people's tests on the shared server) are not part of the pipeline: {@code otherDatabasePids} names them.
 * <b>Other processes</b> = all busy time − the pipeline's. A process that ended during the step takes its ticks with
 * it, so they count as other.
 */
public final class MachineProbe {

    /** A step ran on a busy machine when other processes used more cores than this on average. */
    public static final double BUSY_OTHER_CORES = 0.3;
    /**
     * … or when the 1-minute load average before the run started (before the app was started, {@link #runStartLoad})
     * was above this. The load at a step's own start is not the test: on 2 cores it still holds the run's previous step
     * for minutes (the app's own threads), so it would mark a quiet machine busy; other processes during the step are
     * measured directly (others cores).
     */
    public static final double BUSY_LOAD = 1.5;
    private static volatile double runStartLoad = Double.NaN;

    /** Records the 1-minute load average now as the run's starting load; call once, before the app starts. */
    public static void recordRunStartLoad() {
        runStartLoad = load1();
    }

    /** @return the 1-minute load average before the run started, NaN when not recorded */
    public static double runStartLoad() {
        return runStartLoad;
    }

    /** Readings at one instant; ticks are clock ticks ({@code CLK_TCK}). */
    public record Snapshot(long nanoTime, double load1, long busyTicks, long appTicks, long benchTicks,
                           Map<Long, Long> postgresTicks, Map<Long, Long> redisTicks) {
    }

    /**
     * The machine during one step.
     *
     * @param load1Start       1-min load average when the step started
     * @param load1End         … when it ended
     * @param seconds          wall time between the two readings
     * @param otherCpuSeconds  CPU seconds of all other processes
     * @param postgresRedisCpuSeconds CPU seconds of PostgreSQL (bench database and server processes) and Redis
     */
    public record Load(double load1Start, double load1End, double seconds, double otherCpuSeconds,
                       double postgresRedisCpuSeconds) {
        /** @return other processes' average use in cores */
        public double otherCores() {
            return seconds <= 0 ? 0 : otherCpuSeconds / seconds;
        }

        /** @return why the step counts as taken on a busy machine, or null */
        public String busyReason() {
            if (otherCores() > BUSY_OTHER_CORES) {
                return String.format(java.util.Locale.ROOT, "others %.2f cores", otherCores());
            }
            if (runStartLoad > BUSY_LOAD) {
                return String.format(java.util.Locale.ROOT, "load %.2f before the run", runStartLoad);
            }
            return null;
        }

        public boolean busy() {
            return busyReason() != null;
        }
    }

    private final long appPid;
    private final long benchPid;
    private final double ticksPerSecond;
    private final Supplier<Set<Long>> otherDatabasePids;

    /**
     * @param otherDatabasePids PostgreSQL backends of other databases at the time of the call (may be empty)
     */
    public MachineProbe(long appPid, long benchPid, long ticksPerSecond, Supplier<Set<Long>> otherDatabasePids) {
        this.appPid = appPid;
        this.benchPid = benchPid;
        this.ticksPerSecond = ticksPerSecond;
        this.otherDatabasePids = otherDatabasePids;
    }

    public Snapshot snapshot() {
        Set<Long> excluded;
        try {
            excluded = otherDatabasePids.get();
        } catch (RuntimeException e) {
            excluded = Set.of();
        }
        Map<Long, Long> postgres = new HashMap<>();
        Map<Long, Long> redis = new HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                long pid = Long.parseLong(p.getFileName().toString());
                String comm = read(p.resolve("comm"));
                if ("postgres".equals(comm) && !excluded.contains(pid)) {
                    postgres.put(pid, ticks(pid));
                } else if ("redis-server".equals(comm)) {
                    redis.put(pid, ticks(pid));
                }
            }
        } catch (IOException e) {
            // no /proc: all zero
        }
        return new Snapshot(System.nanoTime(), load1(), busyTicks(), ticks(appPid), ticks(benchPid), postgres, redis);
    }

    /** @return the machine between two snapshots */
    public Load between(Snapshot a, Snapshot b) {
        long pipeline = (b.appTicks() - a.appTicks()) + (b.benchTicks() - a.benchTicks());
        long pgRedis = delta(a.postgresTicks(), b.postgresTicks()) + delta(a.redisTicks(), b.redisTicks());
        long other = Math.max(0, b.busyTicks() - a.busyTicks() - pipeline - pgRedis);
        return new Load(a.load1(), b.load1(), (b.nanoTime() - a.nanoTime()) / 1e9, other / ticksPerSecond,
                pgRedis / ticksPerSecond);
    }

    /** Ticks of processes alive at the end: their growth, or all of them when they started during the step. */
    private static long delta(Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            sum += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        return sum;
    }

    /** @return the 1-minute load average now, NaN when unreadable */
    public static double load1() {
        try {
            return Double.parseDouble(read(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static long busyTicks() {
        for (String line : read(Path.of("/proc/stat")).split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest is within user)
                long sum = 0;
                for (int i : new int[]{1, 2, 3, 6, 7, 8}) {
                    sum += i < f.length ? Long.parseLong(f[i]) : 0;
                }
                return sum;
            }
        }
        return 0;
    }

    private static long ticks(long pid) {
        String stat = read(Path.of("/proc/" + pid + "/stat"));
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return 0;
        }
        String[] f = stat.substring(close + 2).split(" ");
        try {
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
