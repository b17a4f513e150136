package dev.jpsync.jobs.launch;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

import dev.jpsync.jobs.support.JobProgressLog;

/**
 * The command line of the jobs application: {@code <command> [--restart] [--property=value ...]}. Runs the
 * command's job through {@link JobRuns}, like the service's launches, prints a summary, and sets the exit
 * code: 0 COMPLETED, 1 any other end (FAILED, STOPPED), 2 a usage error, nothing to restart or another
 * refusal, 3 the job is already running (here, in the service or in another command line) — nothing was done.
 */
public class JobCommandRunner implements ApplicationRunner, ExitCodeGenerator {

    static final int COMPLETED = 0;
    static final int NOT_COMPLETED = 1;
    static final int USAGE = 2;
    static final int ALREADY_RUNNING = 3;

    /** Who launched, as recorded in the execution's parameters. */
    static final String LAUNCHED_BY = "command-line";

    private final Map<String, String> jobsByCommand;
    private final JobRuns jobRuns;
    private final PrintStream out;
    private int exitCode = USAGE;

    public JobCommandRunner(Map<String, String> jobsByCommand, JobRuns jobRuns, PrintStream out) {
        this.jobsByCommand = jobsByCommand;
        this.jobRuns = jobRuns;
        this.out = out;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> commands = args.getNonOptionArgs();
        if (commands.size() != 1 || !jobsByCommand.containsKey(commands.get(0))) {
            out.println("usage: java -jar jsonplaceholder-sync-jobs-exec.jar <" + String.join("|", jobsByCommand.keySet())
                    + "> [--restart] [--sync.remote.base-url=...]");
            out.println("  --restart  continue the last run of that job where it failed instead of starting a new one");
            exitCode = USAGE;
            return;
        }
        String jobName = jobsByCommand.get(commands.get(0));
        JobExecution execution;
        try {
            if (args.containsOption("restart")) {
                Optional<JobExecution> restarted = jobRuns.restartLast(jobName);
                if (restarted.isEmpty()) {
                    out.println(jobName + ": nothing to restart (no run, or the last run completed)");
                    exitCode = USAGE;
                    return;
                }
                execution = restarted.get();
            } else {
                execution = jobRuns.start(jobName, Map.of(), LAUNCHED_BY);
            }
        } catch (JobRunRefusedException e) {
            out.println(e.getMessage() + " Nothing was done.");
            exitCode = e.reason() == JobRunRefusedException.Reason.ALREADY_RUNNING ? ALREADY_RUNNING : USAGE;
            return;
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
