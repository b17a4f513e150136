package dev.jpsync.jobs.importjob;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.jpsync.jobs.launch.JobRuns;

/**
 * The service's first start: when the database holds no posts, import from the remote, on a thread of its own
 * so that the service answers meanwhile. Only in a web application (the service), never in the command-line
 * runner, which imports only when told to; off with {@code sync.import.on-startup=false}.
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "sync.import.on-startup", matchIfMissing = true)
public class ImportOnStartup {

    private static final Logger log = LoggerFactory.getLogger(ImportOnStartup.class);

    private final JdbcClient jdbc;
    private final JobRuns jobRuns;
    private final Job importJob;
    private final TaskExecutor executor = new SimpleAsyncTaskExecutor("import-on-startup-");

    public ImportOnStartup(JdbcClient jdbc, JobRuns jobRuns, @Qualifier(ImportJobConfiguration.JOB_NAME) Job importJob) {
        this.jdbc = jdbc;
        this.jobRuns = jobRuns;
        this.importJob = importJob;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void importIntoEmptyDatabase() {
        if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM posts)").query(Boolean.class).single()) {
            log.info("The database holds posts: no import on startup");
            return;
        }
        log.info("The database holds no posts: importing from the remote in the background");
        executor.execute(this::runImport);
    }

    private void runImport() {
        try {
            // through JobRuns like the schedules and job control: one history, never two imports at once
            // (also with two instances starting together); in the service the job runs on its own thread
            JobExecution execution = jobRuns.start(importJob.getName(), Map.of(), "startup");
            log.info("Import on startup launched as execution {}", execution.getId());
        } catch (Exception e) {
            log.error("Import on startup could not run", e);
        }
    }
}
