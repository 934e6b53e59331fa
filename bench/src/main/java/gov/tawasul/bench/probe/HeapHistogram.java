package gov.tawasul.bench.probe;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Live-object counts of chosen classes in the app, from {@code jcmd <pid> GC.class_histogram} (HotSpot; forces a
 * full GC, so only called after the load). Used to show caches that grow with every message.
 */
public final class HeapHistogram {

    private HeapHistogram() {
    }

    /**
     * @param classNames fully qualified names to look for
     * @return class name → "instances / bytes"; empty when jcmd is unavailable
     */
    public static Map<String, long[]> count(long pid, String... classNames) {
        Map<String, long[]> found = new LinkedHashMap<>();
        try {
            Process p = new ProcessBuilder(System.getProperty("java.home") + "/bin/jcmd", Long.toString(pid),
                    "GC.class_histogram").redirectErrorStream(true).start();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    String[] f = line.trim().split("\\s+");
                    // "  12:   34567   890123  org.example.Type (java.base@17)"
                    if (f.length >= 4) {
                        for (String name : classNames) {
                            if (f[3].equals(name)) {
                                found.put(name, new long[]{Long.parseLong(f[1]), Long.parseLong(f[2])});
                            }
                        }
                    }
                }
            }
            p.waitFor(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            return found;
        }
        return found;
    }
}
