package dev.jpsync.jobs.importjob;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.jpsync.domain.EntityKind;
import dev.jpsync.domain.Post;

/**
 * Validates a remote post and maps it to a row that keeps the upstream id as local id and remote id.
 * Returns null (the step filters it, {@link ImportSkipLog} records it) for a post with local changes not yet
 * exported; throws {@link InvalidRecordException} (skipped and recorded) for an invalid one.
 */
public class PostRecordProcessor implements ItemProcessor<RemoteRecord, Post>, StepExecutionListener {

    private final JdbcClient jdbc;
    private PendingLocalChanges pending;

    public PostRecordProcessor(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        pending = PendingLocalChanges.load(jdbc, EntityKind.POST);
    }

    @Override
    public Post process(RemoteRecord record) {
        long id = record.requiredId("id");
        if (pending.contains(id)) {
            return null;
        }
        return new Post(id, record.requiredId("userId"), record.requiredText("title", 255, false),
                record.requiredText("body", 10_000, true), id);
    }
}
