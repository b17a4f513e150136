package dev.jpsync.jobs.support;

import java.util.Map;

import org.slf4j.MDC;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.task.TaskDecorator;
import org.springframework.stereotype.Component;

/**
 * Puts the job execution id (and job and step name) into the logging MDC while a job runs, so that every log
 * line a job writes carries {@code jobExecutionId}: in JSON logs as a field, in the plain console pattern
 * through {@code logging.pattern.correlation}.
 * <p>
 * Registered for every job and step of the application context by being a {@link BeanPostProcessor}: job
 * configurations need to do nothing. It is ordered first, so other listeners' log lines carry the id too.
 * Work a job hands to other threads (e.g. concurrent HTTP calls) gets the context through
 * {@link #propagating()} as the executor's {@link TaskDecorator}.
 */
@Component
public class JobLoggingContext implements JobExecutionListener, StepExecutionListener, BeanPostProcessor, Ordered {

    public static final String JOB_EXECUTION_ID = "jobExecutionId";
    public static final String JOB_NAME = "jobName";
    public static final String STEP_NAME = "stepName";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(this);
        }
        if (bean instanceof AbstractStep step) {
            step.registerStepExecutionListener(this);
        }
        return bean;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        MDC.put(JOB_EXECUTION_ID, String.valueOf(jobExecution.getId()));
        MDC.put(JOB_NAME, jobExecution.getJobInstance().getJobName());
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        MDC.remove(STEP_NAME);
        MDC.remove(JOB_NAME);
        MDC.remove(JOB_EXECUTION_ID);
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        // also for steps run on other threads (partitions, flows in parallel)
        MDC.put(JOB_EXECUTION_ID, String.valueOf(stepExecution.getJobExecutionId()));
        MDC.put(JOB_NAME, stepExecution.getJobExecution().getJobInstance().getJobName());
        MDC.put(STEP_NAME, stepExecution.getStepName());
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        MDC.remove(STEP_NAME);
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Copies the submitting thread's MDC to the worker thread for the duration of the task. */
    public static TaskDecorator propagating() {
        return task -> {
            Map<String, String> context = MDC.getCopyOfContextMap();
            return () -> {
                Map<String, String> previous = MDC.getCopyOfContextMap();
                if (context == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(context);
                }
                try {
                    task.run();
                } finally {
                    if (previous == null) {
                        MDC.clear();
                    } else {
                        MDC.setContextMap(previous);
                    }
                }
            };
        };
    }
}
