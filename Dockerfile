# syntax=docker/dockerfile:1
# Build with the Maven wrapper, run on a JRE as a non-root user, from Spring Boot's layers so that a code
# change rebuilds only the thin application layer. Not built on our machines (no Docker engine there);
# api/src/test/java/dev/jpsync/api/deploy/ComposeFileTest.java keeps it consistent with the build.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# dependencies first: this layer is cached until a pom changes
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY sql/pom.xml sql/
COPY shared-domain/pom.xml shared-domain/
COPY batch-jobs/pom.xml batch-jobs/
COPY api/pom.xml api/
RUN ./mvnw -B -q dependency:go-offline -DexcludeReactor=true || true
COPY sql sql
COPY shared-domain shared-domain
COPY batch-jobs batch-jobs
COPY api api
RUN ./mvnw -B -q -DskipTests package \
 && java -Djarmode=tools -jar api/target/jsonplaceholder-sync.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:17-jre
RUN groupadd --system app && useradd --system --gid app --uid 10001 --home-dir /app app
WORKDIR /app
COPY --from=build --chown=app:app /layers/dependencies/ ./
COPY --from=build --chown=app:app /layers/spring-boot-loader/ ./
COPY --from=build --chown=app:app /layers/snapshot-dependencies/ ./
COPY --from=build --chown=app:app /layers/application/ ./
USER app
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 \
  CMD ["sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"UP\"' <&3"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "org.springframework.boot.loader.launch.JarLauncher"]
