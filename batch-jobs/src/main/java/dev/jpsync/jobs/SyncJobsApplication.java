package dev.jpsync.jobs;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Runs one job and exits, for cron or a Kubernetes Job: {@code java -jar jsonplaceholder-sync-jobs-exec.jar import}.
 * The service (module api) runs the same jobs in-process.
 */
@SpringBootApplication(scanBasePackages = {"dev.jpsync.domain", "dev.jpsync.jobs"})
public class SyncJobsApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(SyncJobsApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        System.exit(SpringApplication.exit(app.run(args)));
    }
}
