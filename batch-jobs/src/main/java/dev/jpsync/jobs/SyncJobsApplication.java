package dev.jpsync.jobs;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import dev.jpsync.jobs.exportjob.ExportJobConfiguration;
import dev.jpsync.jobs.importjob.ImportJobConfiguration;
import dev.jpsync.jobs.launch.JobCommandRunner;
import dev.jpsync.jobs.launch.JobRuns;
import dev.jpsync.jobs.verifyjob.VerifyJobConfiguration;

/**
 * Runs one job and exits, for cron or a Kubernetes Job: {@code java -jar jsonplaceholder-sync-jobs-exec.jar import}.
 * The service (module api) runs the same jobs in-process and does not load this class.
 */
@SpringBootApplication(scanBasePackages = {"dev.jpsync.domain", "dev.jpsync.jobs"})
public class SyncJobsApplication {

    /** Command-line name -> job bean name; a new job needs one line here. */
    public static final Map<String, String> JOBS_BY_COMMAND = Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(
            "import", ImportJobConfiguration.JOB_NAME,
            "export", ExportJobConfiguration.JOB_NAME,
            "verify", VerifyJobConfiguration.JOB_NAME))); // sorted: the usage line lists them in a stable order

    @Bean
    JobCommandRunner jobCommandRunner(JobRuns jobRuns) {
        return new JobCommandRunner(JOBS_BY_COMMAND, jobRuns, System.out);
    }

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(SyncJobsApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        System.exit(SpringApplication.exit(app.run(args)));
    }
}
