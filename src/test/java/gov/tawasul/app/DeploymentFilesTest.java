package gov.tawasul.app;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files (docs/deploy.md) against the app they deploy, without starting it: {@code Dockerfile},
 * {@code .dockerignore}, {@code deploy/compose.yaml} with its {@code Caddyfile}, {@code deploy/.env.example} and
 * {@code deploy/k8s/*.yaml}. Every environment variable they give the app is one that
 * {@code application.properties} reads (or the image's entrypoint, {@code TAWASUL_JAVA_OPTS}); probes and health
 * checks use the management port and SmallRye Health's paths; no secret value is committed; the proxy forwards to
 * both app instances and the public URL is https; heap, memory limit and shutdown times agree.
 *
 * <p>Plain JUnit. YAML is read with SnakeYAML, which is on the classpath through jackson-dataformat-yaml (compile
 * scope, from quarkus-smallrye-openapi) and, unlike Jackson's YAML reader, resolves Compose's merge keys
 * ({@code <<: *app}).
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Set<String> HEALTH_PATHS = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");
    /**
     * X credentials: TwitterConfig's optional properties (tawasul.twitter.consumer-key, …), set through their standard
     * environment names, which application.properties names in its X section rather than reading them with ${…}.
     */
    private static final List<String> TWITTER = List.of("TAWASUL_TWITTER_CONSUMER_KEY",
            "TAWASUL_TWITTER_CONSUMER_SECRET", "TAWASUL_TWITTER_ACCESS_TOKEN", "TAWASUL_TWITTER_ACCESS_TOKEN_SECRET",
            "TAWASUL_TWITTER_USER_ID");

    private static String properties;
    private static Set<String> allowed;
    private static String dockerfile;
    private static Map<String, Map<String, Object>> k8s;

    @BeforeAll
    static void read() throws IOException {
        properties = read("src/main/resources/application.properties");
        dockerfile = read("Dockerfile");
        allowed = new HashSet<>();
        for (String line : properties.lines().toList()) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            Matcher m = REFERENCE.matcher(l);
            while (m.find()) {
                allowed.add(m.group(1));
            }
            int eq = l.indexOf('=');
            if (eq > 0 && !l.startsWith("%")) {
                allowed.add(l.substring(0, eq).strip().replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
            }
        }
        for (String name : TWITTER) {
            assertThat(properties).as("application.properties names %s", name).contains(name);
            allowed.add(name);
        }
        assertThat(dockerfile).contains("$TAWASUL_JAVA_OPTS");
        allowed.add("TAWASUL_JAVA_OPTS");
        k8s = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object doc : yaml().loadAll(Files.readString(file))) {
                    @SuppressWarnings("unchecked") Map<String, Object> manifest = (Map<String, Object>) doc;
                    k8s.put(file.getFileName() + "#" + manifest.get("kind"), manifest);
                }
            }
        }
    }

    @Test
    void theVariablesAreOnesTheAppReads() {
        assertThat(allowed).contains("TAWASUL_PUBLIC_URL", "TAWASUL_SESSION_KEY", "TWILIO_AUTH_TOKEN",
                "TAWASUL_PROXY_FORWARDING", "TAWASUL_MANAGEMENT_PORT");
        // a review found TAWASUL_CASE_EVENT_SECRETS named in a commented-out line (it set nothing); the name read is:
        assertThat(allowed).contains("TAWASUL_CASES_EVENTS_SECRETS").doesNotContain("TAWASUL_CASE_EVENT_SECRETS");

        List<String> given = new ArrayList<>();
        composeApps().values().forEach(app -> given.addAll(environment(app).keySet()));
        given.addAll(stringMap(manifest("configmap.yaml#ConfigMap"), "data").keySet());
        given.addAll(stringMap(manifest("secret.yaml#Secret"), "stringData").keySet());
        for (Map<String, Object> env : maps(container().get("env"))) {
            given.add((String) env.get("name"));
        }
        given.addAll(envExampleKeys().stream().filter(k -> k.startsWith("TAWASUL_") || k.startsWith("TWILIO_"))
                .toList());
        assertThat(given).hasSizeGreaterThan(40);
        assertThat(given).allSatisfy(name -> assertThat(allowed).as("%s is read by application.properties", name)
                .contains(name));
    }

    @Test
    void composeRunsTwoEqualInstancesBehindTheTlsProxy() throws IOException {
        Map<String, Map<String, Object>> apps = composeApps();
        assertThat(apps).containsOnlyKeys("app-1", "app-2");
        Map<String, String> env1 = environment(apps.get("app-1"));
        assertThat(environment(apps.get("app-2"))).isEqualTo(env1);

        assertThat(interpolateDefaults(env1.get("TAWASUL_PUBLIC_URL"))).isEqualTo("https://localhost:8443");
        // without them the two instances would not share sessions, visitors or the database: compose refuses to start
        for (String required : List.of("TAWASUL_SESSION_KEY", "TAWASUL_WEBCHAT_SECRET", "TAWASUL_DB_PASSWORD")) {
            assertThat(env1.get(required)).as(required).startsWith("${" + required + ":?");
        }
        for (Map<String, Object> app : apps.values()) {
            // the app's own ports are not published, only its management port on loopback
            assertThat(strings(app.get("ports"))).allSatisfy(p -> assertThat(p).startsWith("127.0.0.1:").endsWith(":9000"));
            assertThat(String.valueOf(app.get("healthcheck"))).contains("/dev/tcp/127.0.0.1/9000", "/q/health/ready");
        }

        Map<String, Object> proxy = composeServices().get("proxy");
        assertThat(strings(proxy.get("volumes"))).contains("./Caddyfile:/etc/caddy/Caddyfile:ro");
        String caddyfile = read("deploy/Caddyfile");
        Matcher upstreams = Pattern.compile("(?m)^\\s*reverse_proxy\\s+([^{]+)\\{").matcher(caddyfile);
        assertThat(upstreams.find()).isTrue();
        assertThat(upstreams.group(1).strip().split("\\s+")).containsExactlyInAnyOrder("app-1:8080", "app-2:8080");
        assertThat(caddyfile).containsPattern("(?m)^\\s*tls internal$").contains("health_uri /q/health/ready")
                .contains("health_port " + managementPort());
    }

    @Test
    void noSecretValueIsCommitted() throws IOException {
        Map<String, Object> secret = manifest("secret.yaml#Secret");
        assertThat(secret).doesNotContainKey("data");
        Map<String, String> values = stringMap(secret, "stringData");
        assertThat(values).containsKeys("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TAWASUL_FACEBOOK_APP_SECRET",
                "TAWASUL_SESSION_KEY", "TAWASUL_WEBCHAT_SECRET", "TAWASUL_DB_PASSWORD");
        assertThat(values.values()).allSatisfy(v -> assertThat(v).isEmpty());
        // applying the key list would blank the operator's Secret
        assertThat(strings(manifest("kustomization.yaml#Kustomization").get("resources"))).doesNotContain("secret.yaml");

        Map<String, String> example = envExample();
        for (String key : values.keySet()) {
            if (example.containsKey(key)) {
                assertThat(example.get(key)).as("deploy/.env.example %s", key).isEmpty();
            }
        }
        assertThat(example).containsKeys("TAWASUL_SESSION_KEY", "TAWASUL_WEBCHAT_SECRET", "TWILIO_AUTH_TOKEN");
        assertThat(read(".gitignore")).containsPattern("(?m)^deploy/\\.env$");
        assertThat(read(".dockerignore")).containsPattern("(?m)^deploy/$");
    }

    @Test
    void kubernetesProbesUseTheManagementPortAndHealthPaths() {
        Map<String, Object> container = container();
        Map<String, Object> ports = new LinkedHashMap<>();
        maps(container.get("ports")).forEach(p -> ports.put((String) p.get("name"), p.get("containerPort")));
        assertThat(ports).containsEntry("http", 8080).containsEntry("management", managementPort());
        assertThat(properties).contains("quarkus.management.enabled=true").doesNotContain("smallrye-health.root-path");

        Map<String, String> expected = Map.of("livenessProbe", "/q/health/live", "readinessProbe", "/q/health/ready",
                "startupProbe", "/q/health/started");
        expected.forEach((probe, path) -> {
            Map<String, Object> get = map(map(container, probe), "httpGet");
            assertThat(get).as(probe).containsEntry("path", path).containsEntry("port", "management");
        });
        assertThat(HEALTH_PATHS).containsAll(expected.values());

        // the Service and the Ingress reach the public port only
        Map<String, Object> service = manifest("service.yaml#Service");
        assertThat(maps(map(service, "spec").get("ports"))).extracting(p -> p.get("targetPort")).containsOnly("http");
        assertThat(String.valueOf(manifest("ingress.yaml#Ingress"))).doesNotContain("management", "9000");
    }

    @Test
    void kubernetesScalingSecurityAndPublicUrl() {
        Map<String, Object> deployment = manifest("deployment.yaml#Deployment");
        assertThat(map(deployment, "spec")).containsEntry("replicas", 2);
        Map<String, Object> pod = map(map(map(deployment, "spec"), "template"), "spec");

        Map<String, Object> podSecurity = map(pod, "securityContext");
        assertThat(podSecurity).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", dockerUser());
        Map<String, Object> container = container();
        assertThat(map(container, "securityContext")).containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false);
        assertThat(maps(container.get("volumeMounts"))).anySatisfy(m -> assertThat(m).containsEntry("mountPath", "/tmp"));
        assertThat(maps(pod.get("volumes"))).anySatisfy(v -> assertThat(v).containsKey("emptyDir"));

        // required secrets are referenced key by key (a missing one stops the pod) and exist in the key list
        Set<String> secretKeys = stringMap(manifest("secret.yaml#Secret"), "stringData").keySet();
        List<String> refs = maps(container.get("env")).stream().filter(e -> e.containsKey("valueFrom"))
                .map(e -> (String) map(map(e, "valueFrom"), "secretKeyRef").get("key")).toList();
        assertThat(refs).contains("TAWASUL_SESSION_KEY", "TAWASUL_WEBCHAT_SECRET", "TAWASUL_DB_PASSWORD");
        assertThat(secretKeys).containsAll(refs);

        assertThat(stringMap(manifest("configmap.yaml#ConfigMap"), "data").get("TAWASUL_PUBLIC_URL"))
                .startsWith("https://");

        Map<String, Object> hpa = manifest("hpa.yaml#HorizontalPodAutoscaler");
        assertThat(hpa).containsEntry("apiVersion", "autoscaling/v2");
        assertThat(map(hpa, "spec")).containsEntry("minReplicas", 2);
        assertThat(map(maps(map(hpa, "spec").get("metrics")).get(0), "resource")).containsEntry("name", "cpu");
        Map<String, Object> pdb = manifest("pdb.yaml#PodDisruptionBudget");
        assertThat(map(pdb, "spec")).containsEntry("minAvailable", 1);
        assertThat(map(map(pdb, "spec"), "selector")).isEqualTo(map(map(deployment, "spec"), "selector"));

        Set<String> files = k8s.keySet().stream().map(k -> k.substring(0, k.indexOf('#'))).collect(Collectors.toSet());
        files.remove("kustomization.yaml");
        files.remove("secret.yaml");
        assertThat(strings(manifest("kustomization.yaml#Kustomization").get("resources"))).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void heapMemoryAndShutdownAgree() throws IOException {
        // scripts/run's default heap = the image's share of the Kubernetes (and compose) memory limit
        Matcher xmx = Pattern.compile("TAWASUL_JAVA_OPTS:--Xmx(\\d+)m").matcher(read("scripts/run"));
        assertThat(xmx.find()).isTrue();
        int heapMiB = Integer.parseInt(xmx.group(1));
        Matcher percent = Pattern.compile("TAWASUL_JAVA_OPTS=\"[^\"]*-XX:MaxRAMPercentage=(\\d+)").matcher(dockerfile);
        assertThat(percent.find()).isTrue();
        Map<String, Object> limits = map(map(container(), "resources"), "limits");
        int limitMiB = Integer.parseInt(((String) limits.get("memory")).replace("Mi", ""));
        assertThat(limitMiB * Integer.parseInt(percent.group(1)) / 100).isEqualTo(heapMiB);
        assertThat(map(map(container(), "resources"), "requests")).containsEntry("memory", limits.get("memory"));
        assertThat(composeApps().get("app-1")).containsEntry("mem_limit", limitMiB + "m");
        assertThat(dockerfile).contains("-XX:+UseSerialGC");
        assertThat(read("scripts/run")).contains("-XX:+UseSerialGC");

        // the grace period covers the preStop pause and Quarkus' own shutdown (quarkus.shutdown.timeout, if set)
        Map<String, Object> pod = map(map(map(manifest("deployment.yaml#Deployment"), "spec"), "template"), "spec");
        List<String> preStop = strings(map(map(map(container(), "lifecycle"), "preStop"), "exec").get("command"));
        assertThat(preStop.get(0)).isEqualTo("sleep");
        long grace = ((Number) pod.get("terminationGracePeriodSeconds")).longValue();
        long shutdown = seconds(properties, "timeout", 30L) + seconds(properties, "delay", 0L);
        assertThat(grace).isGreaterThanOrEqualTo(Long.parseLong(preStop.get(1)) + shutdown + 5);
        assertThat(composeApps().get("app-1")).containsEntry("stop_grace_period", grace + "s");
    }

    @Test
    void dockerfileIsTheQuarkusJvmLayoutBuiltInTheImage() throws IOException {
        List<String> from = dockerfile.lines().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(from).hasSize(2);
        assertThat(from.get(0)).contains("AS build");
        assertThat(from.get(1)).matches("FROM (eclipse-temurin:17-jre.*|registry\\.access\\.redhat\\.com/ubi9/openjdk-17.*)");
        assertThat(dockerfile).containsPattern("RUN [^\\n]*\\n?\\s*\\./mvnw -B -ntp package");
        for (String part : List.of("lib/ /deployments/lib/", "*.jar /deployments/", "app/ /deployments/app/",
                "quarkus/ /deployments/quarkus/")) {
            assertThat(dockerfile).contains("/build/target/quarkus-app/" + part);
        }
        assertThat(dockerUser()).isPositive();
        assertThat(dockerfile).containsPattern("(?m)^EXPOSE 8080 " + managementPort() + "$")
                .contains("-jar /deployments/quarkus-run.jar");
        // start-up: the AppCDS archive is made with the image's own JRE, for the same -jar path the entrypoint uses
        assertThat(dockerfile).contains("-XX:ArchiveClassesAtExit=app-cds.jsa -Dquarkus.appcds.generate=true -jar "
                + "/deployments/quarkus-run.jar").contains("exec java -XX:SharedArchiveFile=app-cds.jsa ");

        // what stage 1 copies is in the build context; .git, builds and local secrets are not
        Set<String> ignored = read(".dockerignore").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toSet());
        Matcher copies = Pattern.compile("(?m)^COPY (?!--from)(.+) \\S+$").matcher(dockerfile);
        List<String> sources = new ArrayList<>();
        while (copies.find()) {
            sources.addAll(List.of(copies.group(1).split("\\s+")));
        }
        assertThat(sources).contains("mvnw", "pom.xml", ".mvn/", "src/", "channels/", "conversation-engine/",
                "case-connector/");
        assertThat(sources).allSatisfy(s -> {
            assertThat(Files.exists(ROOT.resolve(s))).as(s).isTrue();
            assertThat(ignored).as(s).doesNotContain(s, s.replaceAll("/$", ""));
        });
        assertThat(ignored).contains(".git", "target/", "deploy/");
    }

    // --- reading ---

    private static Yaml yaml() {
        return new Yaml(new LoaderOptions());
    }

    private static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> composeServices() {
        try {
            Map<String, Object> compose = yaml().load(read("deploy/compose.yaml"));
            return (Map<String, Map<String, Object>>) compose.get("services");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the services built from the Dockerfile, by name */
    private static Map<String, Map<String, Object>> composeApps() {
        Map<String, Map<String, Object>> apps = new LinkedHashMap<>();
        composeServices().forEach((name, service) -> {
            if (service.containsKey("build")) {
                apps.put(name, service);
            }
        });
        return apps;
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        return stringMap(service, "environment");
    }

    /** @return {@code value} with each {@code ${NAME:-default}} replaced by its default */
    private static String interpolateDefaults(String value) {
        return Pattern.compile("\\$\\{[A-Z_]+:-([^}]*)}").matcher(value).replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
    }

    private static Map<String, String> envExample() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : read("deploy/.env.example").lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int eq = line.indexOf('=');
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    private static Set<String> envExampleKeys() {
        try {
            return envExample().keySet();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> manifest(String fileAndKind) {
        assertThat(k8s).containsKey(fileAndKind);
        return k8s.get(fileAndKind);
    }

    private static Map<String, Object> container() {
        Map<String, Object> pod = map(map(map(manifest("deployment.yaml#Deployment"), "spec"), "template"), "spec");
        List<Map<String, Object>> containers = maps(pod.get("containers"));
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static int managementPort() {
        Matcher m = Pattern.compile("(?m)^quarkus\\.management\\.port=\\$\\{TAWASUL_MANAGEMENT_PORT:(\\d+)}$")
                .matcher(properties);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static int dockerUser() {
        Matcher m = Pattern.compile("(?m)^USER (\\d+)$").matcher(dockerfile);
        assertThat(m.find()).as("numeric USER").isTrue();
        return Integer.parseInt(m.group(1));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static Map<String, String> stringMap(Map<String, Object> parent, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        map(parent, key).forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object list) {
        return list == null ? List.of() : (List<Map<String, Object>>) list;
    }

    private static List<String> strings(Object list) {
        return list == null ? List.of() : ((List<?>) list).stream().map(String::valueOf).toList();
    }

    /** @return {@code quarkus.shutdown.<name>} (plain or {@code %prod.}) in seconds, or {@code otherwise} when unset */
    private static long seconds(String properties, String name, long otherwise) {
        return Pattern.compile("(?m)^(?:%prod\\.)?quarkus\\.shutdown\\." + name + "=(\\S+)").matcher(properties)
                .results().map(r -> Duration.parse("PT" + r.group(1).toUpperCase(Locale.ROOT)).toSeconds())
                .findFirst().orElse(otherwise);
    }
}
