package dev.jpsync.jobs.importjob;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Upstream records whose id is taken here by another row (one created here, or one relocated before): they
 * get a new local id and keep their remote id. They are written when the step has written everything else, so
 * that the new AUTO_INCREMENT id lies above every upstream id of this import and cannot take the id of a record
 * a later chunk brings. Until then they wait in the step's ExecutionContext, saved with every chunk, so that a
 * failed step relocates them when restarted. They are few: one per taken id.
 */
final class Relocations<T> implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(Relocations.class);

    static final String KEY = "import.relocations";

    private final Consumer<List<T>> relocate;

    Relocations(Consumer<List<T>> relocate) {
        this.relocate = relocate;
    }

    /** Keeps records for the end of the step (on the step's thread: its ExecutionContext is not shared). */
    static void defer(StepExecution step, List<?> items) {
        if (items.isEmpty()) {
            return;
        }
        var context = step.getExecutionContext();
        @SuppressWarnings("unchecked")
        List<Object> waiting = context.containsKey(KEY) ? new ArrayList<>((List<Object>) context.get(KEY)) : new ArrayList<>();
        waiting.addAll(items);
        context.put(KEY, waiting);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        var context = stepExecution.getExecutionContext();
        if (stepExecution.getStatus() != BatchStatus.COMPLETED || !context.containsKey(KEY)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<T> waiting = (List<T>) context.get(KEY);
        relocate.accept(waiting);
        context.remove(KEY);
        log.info("{}: {} upstream record(s) got new local ids, their ids being taken here", stepExecution.getStepName(),
                waiting.size());
        return null;
    }
}
