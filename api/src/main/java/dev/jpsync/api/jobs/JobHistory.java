package dev.jpsync.api.jobs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.jpsync.api.ops.PageRequest;

/**
 * Pages through a job's executions, newest first. The job repository has no paged query by job across
 * instances, so the ids come from its tables (the JDBC job repository's {@code BATCH_*}) and each execution
 * is then loaded through the repository.
 */
@Component
class JobHistory {

    private final JdbcClient jdbc;
    private final JobRepository jobRepository;

    JobHistory(JdbcClient jdbc, JobRepository jobRepository) {
        this.jdbc = jdbc;
        this.jobRepository = jobRepository;
    }

    long count(String jobName) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e
                        JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                        WHERE i.JOB_NAME = ?""")
                .param(jobName).query(Long.class).single();
    }

    List<JobExecution> page(String jobName, PageRequest page) {
        return jdbc.sql("""
                        SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e
                        JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                        WHERE i.JOB_NAME = ? ORDER BY e.JOB_EXECUTION_ID DESC LIMIT ? OFFSET ?""")
                .params(jobName, page.size(), page.offset())
                .query(Long.class).list().stream()
                .map(jobRepository::getJobExecution)
                .filter(Objects::nonNull)
                .toList();
    }

    Optional<JobExecution> last(String jobName) {
        return page(jobName, new PageRequest(0, 1)).stream().findFirst();
    }
}
