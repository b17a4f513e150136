package dev.jpsync.jobs.importjob;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.jpsync.domain.FieldRule;

/**
 * Validates a remote post against the {@link FieldRule}s the API also applies; throws
 * {@link InvalidRecordException} (skipped and recorded) for an invalid one. Where it goes locally, and whether
 * local work keeps it out, the writer decides when it writes ({@link PostUpsertWriter}).
 */
public class PostRecordProcessor implements ItemProcessor<RemoteRecord, UpstreamPost> {

    @Override
    public UpstreamPost process(RemoteRecord record) {
        return new UpstreamPost(record.requiredId(), record.required(FieldRule.USER_ID),
                record.requiredText(FieldRule.TITLE), record.requiredText(FieldRule.BODY));
    }
}
