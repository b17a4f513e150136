package dev.jpsync.jobs.exportjob;

import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import dev.jpsync.domain.ChangeLogRepository;
import dev.jpsync.domain.ChangeWindow;
import dev.jpsync.jobs.support.CauseChain;

/**
 * Gives a failed export execution an exit description that says why and what is left, instead of a stack
 * trace.
 */
class ExportRunListener implements JobExecutionListener {

    private final ChangeLogRepository changeLog;

    ExportRunListener(ChangeLogRepository changeLog) {
        this.changeLog = changeLog;
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (execution.getStatus() != BatchStatus.FAILED) {
            return;
        }
        List<Throwable> failures = execution.getAllFailureExceptions();
        String why = failures.isEmpty() ? "unknown cause" : describe(failures.get(0));
        String left = "";
        if (execution.getExecutionContext().containsKey(FixWindow.WINDOW_KEY)) {
            ChangeWindow window = new ChangeWindow(execution.getExecutionContext().getLong(FixWindow.WINDOW_KEY));
            left = " " + changeLog.countPending(window) + " change-log entries up to id " + window.upToId()
                    + " are still pending; none of them was archived. Restart this execution or wait for the next run.";
        }
        execution.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), "Export failed: " + why + "." + left));
    }

    private static String describe(Throwable failure) {
        StringBuilder s = new StringBuilder();
        for (Throwable t : CauseChain.of(failure)) {
            if (t.getMessage() != null && (s.isEmpty() || !s.toString().contains(t.getMessage()))) {
                s.append(s.isEmpty() ? "" : ": ").append(t.getMessage());
            }
        }
        return s.isEmpty() ? failure.getClass().getSimpleName() : s.toString();
    }
}
