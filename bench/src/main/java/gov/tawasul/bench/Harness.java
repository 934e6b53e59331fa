package gov.tawasul.bench;

import java.net.InetAddress;
import java.net.ServerSocket;

/** Small helpers shared by the bench's main programs ({@link BenchMain}, the chaos run). */
public final class Harness {

    private Harness() {
    }

    /** @return a TCP port free on the loopback interface right now */
    public static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** @return the system property's value; fails with the property's name when it is unset or blank */
    public static String required(String property) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing -D" + property);
        }
        return v;
    }
}
