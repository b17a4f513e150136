package dev.jpsync.jobs;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

/**
 * The command line of {@link SyncJobsApplication}: {@code <command> [--restart] [--property=value ...]}.
 * Runs the command's job, prints a summary, and sets the exit code: 0 COMPLETED, 1 any other end
 * (FAILED, STOPPED), 2 a usage error or nothing to restart.
 */
public class JobCommandRunner implements ApplicationRunner, ExitCodeGenerator {

    static final int COMPLETED = 0;
    static final int NOT_COMPLETED = 1;
    static final int USAGE = 2;

    private final Map<String, String> jobsByCommand;
    private final Map<String, Job> jobs;
    private final JobStarter starter;
    private final PrintStream out;
    private int exitCode = USAGE;

    public JobCommandRunner(Map<String, String> jobsByCommand, Map<String, Job> jobs, JobStarter starter, PrintStream out) {
        this.jobsByCommand = jobsByCommand;
        this.jobs = jobs;
        this.starter = starter;
        this.out = out;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        List<String> commands = args.getNonOptionArgs();
        if (commands.size() != 1 || !jobsByCommand.containsKey(commands.get(0))) {
            out.println("usage: java -jar jsonplaceholder-sync-jobs-exec.jar <" + String.join("|", jobsByCommand.keySet())
                    + "> [--restart] [--sync.remote.base-url=...]");
            out.println("  --restart  continue the last run of that job where it failed instead of starting a new one");
            exitCode = USAGE;
            return;
        }
        Job job = jobs.get(jobsByCommand.get(commands.get(0)));
        JobExecution execution;
        if (args.containsOption("restart")) {
            Optional<JobExecution> restarted = starter.restartLast(job);
            if (restarted.isEmpty()) {
                out.println(job.getName() + ": nothing to restart (no run, or the last run completed)");
                exitCode = USAGE;
                return;
            }
            execution = restarted.get();
        } else {
            execution = starter.startNew(job);
        }
        printSummary(execution);
        exitCode = execution.getStatus() == BatchStatus.COMPLETED ? COMPLETED : NOT_COMPLETED;
    }

    private void printSummary(JobExecution execution) {
        out.println(execution.getJobInstance().getJobName() + " execution " + execution.getId() + ": "
                + execution.getStatus());
        for (StepExecution step : execution.getStepExecutions()) {
            LocalDateTime end = step.getEndTime() == null ? LocalDateTime.now() : step.getEndTime();
            out.println("  " + step.getStepName() + " " + step.getStatus() + ": " + JobProgressLog.describe(step, end));
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            out.println("  " + execution.getExitStatus().getExitDescription());
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
