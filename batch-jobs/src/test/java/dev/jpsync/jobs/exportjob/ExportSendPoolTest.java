package dev.jpsync.jobs.exportjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import dev.jpsync.jobs.JobLoggingContext;

/** The export's worker threads log with the job execution id of the step that handed them the call. */
class ExportSendPoolTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void callsRunWithTheSubmittersLoggingContextAndLeaveNoneBehind() throws Exception {
        try (ExportSendPool pool = new ExportSendPool(1)) { // one worker: the second call runs on the same thread
            MDC.put(JobLoggingContext.JOB_EXECUTION_ID, "42");
            MDC.put(JobLoggingContext.STEP_NAME, "exportSend");
            AtomicReference<String> seen = new AtomicReference<>();
            AtomicReference<String> step = new AtomicReference<>();
            pool.submit(() -> {
                seen.set(MDC.get(JobLoggingContext.JOB_EXECUTION_ID));
                step.set(MDC.get(JobLoggingContext.STEP_NAME));
            }).get();
            assertThat(seen).hasValue("42");
            assertThat(step).hasValue("exportSend");

            MDC.clear();
            AtomicReference<String> later = new AtomicReference<>("unset");
            pool.submit(() -> later.set(MDC.get(JobLoggingContext.JOB_EXECUTION_ID))).get();
            assertThat(later.get()).isNull();
        }
    }
}
