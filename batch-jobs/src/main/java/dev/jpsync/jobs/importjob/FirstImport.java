package dev.jpsync.jobs.importjob;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.jpsync.jobs.launch.RunLock;

/**
 * Whether the first import is running: an import execution runs (not one left behind by a dead process) and no
 * import has ever completed on this database. While it runs, a record created here would take an id upstream
 * also uses (the import then gives upstream's record a new id); the service refuses writes meanwhile. Read from
 * the job repository, so it holds for every instance on the database; once an import has completed, it is
 * never asked again.
 */
@Component
public class FirstImport {

    private final JdbcClient jdbc;
    private final JobRepository jobRepository;
    private final RunLock runLock;
    private volatile boolean completedOnce;

    public FirstImport(JdbcClient jdbc, JobRepository jobRepository, RunLock runLock) {
        this.jdbc = jdbc;
        this.jobRepository = jobRepository;
        this.runLock = runLock;
    }

    public boolean isRunning() {
        if (completedOnce) {
            return false;
        }
        completedOnce = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION e
                                       JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                                       WHERE i.JOB_NAME = ? AND e.STATUS = 'COMPLETED')""")
                .param(ImportJobConfiguration.JOB_NAME).query(Boolean.class).single();
        // an execution marked running whose run lock nobody holds was left behind by a dead process
        return !completedOnce && !jobRepository.findRunningJobExecutions(ImportJobConfiguration.JOB_NAME).isEmpty()
                && runLock.isHeld(ImportJobConfiguration.JOB_NAME);
    }
}
