package gov.tawasul.bench.probe;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code target/bench-app/quarkus-run.jar}) as a child process in the prod profile,
 * its output in a log file. Settings are given as {@code -D} system properties and environment variables,
 * exactly as an operator would.
 */
public final class AppProcess implements AutoCloseable {

    private final Process process;
    private final long startedNs;

    private AppProcess(Process process, long startedNs) {
        this.process = process;
        this.startedNs = startedNs;
    }

    /**
     * @param jar        the runnable jar
     * @param jvmOptions e.g. {@code -Xmx512m}
     * @param properties system properties ({@code -Dkey=value})
     * @param env        environment variables added to this process's
     * @param log        where stdout and stderr go
     */
    public static AppProcess start(File jar, List<String> jvmOptions, Map<String, String> properties,
                                   Map<String, String> env, File log) throws IOException {
        return start(jar, jvmOptions, properties, env, log, false);
    }

    /**
     * As {@link #start(File, List, Map, Map, File)}; with {@code inJarDirectory} the process runs in the jar's
     * directory as {@code java -jar quarkus-run.jar}, as scripts/run and the container image start it (an AppCDS
     * archive only applies to the class path it was made with, relative to that directory).
     */
    public static AppProcess start(File jar, List<String> jvmOptions, Map<String, String> properties,
                                   Map<String, String> env, File log, boolean inJarDirectory) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + "/bin/java");
        cmd.addAll(jvmOptions);
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(inJarDirectory ? jar.getName() : jar.getAbsolutePath());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.getAbsoluteFile()));
        if (inJarDirectory) {
            pb.directory(jar.getAbsoluteFile().getParentFile());
        }
        pb.environment().putAll(env);
        long started = System.nanoTime();
        return new AppProcess(pb.start(), started);
    }

    /** @return the process id, for /proc */
    public long pid() {
        return process.pid();
    }

    /** @return System.nanoTime() just before the process was started */
    public long startedNs() {
        return startedNs;
    }

    /** @return true while the process runs */
    public boolean alive() {
        return process.isAlive();
    }

    /** Stops the process (SIGTERM, then SIGKILL after 15 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
