package gov.tawasul.bench.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a Linux process's resident memory ({@code VmRSS} of {@code /proc/<pid>/status}) and CPU time
 * ({@code utime + stime} of {@code /proc/<pid>/stat}, in clock ticks, see proc(5)).
 */
public final class ProcessProbe {

    private final long pid;
    private final long ticksPerSecond;

    /** @param ticksPerSecond {@code getconf CLK_TCK}, 100 on Linux x86-64 */
    public ProcessProbe(long pid, long ticksPerSecond) {
        this.pid = pid;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** @return resident set size in KiB, or -1 when the process is gone */
    public long rssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** @return user + system CPU time in seconds, or -1 when the process is gone */
    public double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // fields after the command name, which is in parentheses and may contain spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(f[11]);
            long stime = Long.parseLong(f[12]);
            return (utime + stime) / (double) ticksPerSecond;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
