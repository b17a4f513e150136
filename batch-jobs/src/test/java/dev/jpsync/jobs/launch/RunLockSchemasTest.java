package dev.jpsync.jobs.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

import dev.jpsync.jobs.SyncJobsApplication;
import dev.jpsync.jobs.exportjob.ExportJobConfiguration;
import dev.jpsync.testsupport.TestDatabase;
import dev.jpsync.testsupport.UseTestDatabase;

/**
 * Two deployments on one database server, each with its own schema: lock names are server-wide, so the run
 * lock carries the schema, and one deployment's run never refuses the other's launch.
 */
@SpringBootTest
@UseTestDatabase
class RunLockSchemasTest {

    @Autowired
    JobRuns jobRuns;
    @Autowired
    RunLock runLock;

    @Test
    void deploymentsOnDifferentSchemasOfOneServerLaunchIndependently() {
        TestDatabase.Schema otherSchema = TestDatabase.newSchema("other");
        try (ConfigurableApplicationContext other = new SpringApplicationBuilder(SyncJobsApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.datasource.url=" + otherSchema.url(),
                        "spring.datasource.username=" + otherSchema.username(),
                        "spring.datasource.password=" + otherSchema.password(),
                        "sync.embedded-db.enabled=false")
                .run();
             // an export of this deployment is running: it holds this schema's run lock
             RunLock.Held running = runLock.tryTake(ExportJobConfiguration.JOB_NAME).orElseThrow()) {
            JobRuns otherDeployment = other.getBean(JobRuns.class);

            assertThat(otherDeployment.start(ExportJobConfiguration.JOB_NAME, Map.of(), "test").getStatus())
                    .isEqualTo(BatchStatus.COMPLETED);
            assertThatThrownBy(() -> jobRuns.start(ExportJobConfiguration.JOB_NAME, Map.of(), "test"))
                    .isInstanceOfSatisfying(JobRunRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(JobRunRefusedException.Reason.ALREADY_RUNNING));

            // and the other way round: the other deployment's run does not hold this one's lock
            try (RunLock.Held otherRunning = other.getBean(RunLock.class)
                    .tryTake(ExportJobConfiguration.JOB_NAME).orElseThrow()) {
                assertThat(otherRunning.name()).isNotEqualTo(running.name()).contains(otherSchema.name());
                running.close();
                assertThat(jobRuns.start(ExportJobConfiguration.JOB_NAME, Map.of(), "test").getStatus())
                        .isEqualTo(BatchStatus.COMPLETED);
            }
        }
    }
}
