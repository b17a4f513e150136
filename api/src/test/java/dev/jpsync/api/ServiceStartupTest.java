package dev.jpsync.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import dev.jpsync.jobs.launch.ScheduleProperties;

import dev.jpsync.testsupport.UseTestDatabase;

/**
 * The service starts on a real database, Flyway migrates it, and health reports the database UP. Scheduling is
 * on in the service, and the tests' shared properties (src/test/resources/application.properties) keep the
 * schedules off, so no test context exports to the unreachable default remote behind a test's back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sync.import.on-startup=false")
@UseTestDatabase
class ServiceStartupTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ScheduleProperties schedules;

    @Autowired
    ScheduledTaskHolder scheduler;

    @Test
    void schedulingIsOnInTheServiceButTheTestsTurnTheSchedulesOff() {
        assertThat(schedules.export().enabled()).isFalse();
        assertThat(schedules.importJob().enabled()).isFalse();
        assertThat(scheduler.getScheduledTasks()).isEmpty();
    }

    @Test
    void migratesTheSchemaAndReportsTheDatabaseInHealth() throws Exception {
        assertThat(jdbc.sql("SELECT MAX(version) FROM flyway_schema_history WHERE success = 1")
                .query(String.class).single()).isNotBlank();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema = DATABASE()")
                .query(Integer.class).single()).isEqualTo(7);

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"db\":{");
    }
}
