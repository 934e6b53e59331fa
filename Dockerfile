# syntax=docker/dockerfile:1
# Tawasul container image (docs/deploy.md): `docker build -t tawasul .` on a clean clone.
# Stage 1 builds target/quarkus-app with the Maven wrapper; stage 2 is the standard Quarkus JVM image layout
# (as Quarkus' generated src/main/docker/Dockerfile.jvm: lib/, *.jar, app/, quarkus/ in /deployments) on a
# Temurin 17 JRE, run as a non-root user.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
# the wrapper and the POM first: Maven and the dependencies are kept in a BuildKit cache between builds
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY conversation-engine/ conversation-engine/
COPY case-connector/ case-connector/
COPY channels/ channels/
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp package -Dmaven.test.skip=true -Dquarkus.package.jar.appcds.enabled=false \
 && test -f target/quarkus-app/quarkus-run.jar

FROM eclipse-temurin:17-jre
# a system user of its own, by number so that Kubernetes' runAsNonRoot can check it (deploy/k8s/deployment.yaml)
RUN groupadd --system --gid 185 tawasul \
 && useradd --system --uid 185 --gid 185 --home-dir /deployments --no-create-home --shell /usr/sbin/nologin tawasul \
 && mkdir -p /deployments \
 && chown 185:185 /deployments
ENV LANGUAGE='en_US:en' LANG='C.UTF-8'
# four layers, the one that changes least first (the same order as Quarkus' Dockerfile.jvm)
COPY --from=build --chown=185:185 /build/target/quarkus-app/lib/ /deployments/lib/
COPY --from=build --chown=185:185 /build/target/quarkus-app/*.jar /deployments/
COPY --from=build --chown=185:185 /build/target/quarkus-app/app/ /deployments/app/
COPY --from=build --chown=185:185 /build/target/quarkus-app/quarkus/ /deployments/quarkus/
WORKDIR /deployments
USER 185
# the AppCDS archive made again with this image's own JRE (the one the build stage made belongs to its JDK): the
# classes loaded up to the end of static init, stopped there by quarkus.appcds.generate, so nothing is contacted
RUN java -XX:ArchiveClassesAtExit=app-cds.jsa -Dquarkus.appcds.generate=true -jar /deployments/quarkus-run.jar \
 && test -f app-cds.jsa
# 8080: webhooks, web chat, staff console (behind the TLS proxy); 9000: management (/q/health, /q/metrics),
# to be kept off the internet (README "Operators")
EXPOSE 8080 9000
# Heap: half of the container's memory limit (768 MiB in deploy/ → 384 MiB, the bound scripts/run gives with -Xmx384m),
# the serial collector as scripts/run (one or two CPUs, a small heap), and a clean exit on OutOfMemoryError so that the
# orchestrator restarts the instance. TAWASUL_JAVA_OPTS replaces all of it (e.g. "-XX:MaxRAMPercentage=60").
ENV TAWASUL_JAVA_OPTS="-XX:MaxRAMPercentage=50 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
# No HEALTHCHECK: Kubernetes ignores it (its probes are in deploy/k8s/deployment.yaml) and deploy/compose.yaml
# declares its own against /q/health/ready on the management port; the JRE image has no curl to write one with.
ENTRYPOINT ["sh", "-c", "exec java -XX:SharedArchiveFile=app-cds.jsa $TAWASUL_JAVA_OPTS -Djava.util.logging.manager=org.jboss.logmanager.LogManager \"$@\" -jar /deployments/quarkus-run.jar", "tawasul"]
