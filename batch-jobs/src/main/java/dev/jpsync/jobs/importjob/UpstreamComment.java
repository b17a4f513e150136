package dev.jpsync.jobs.importjob;

import java.io.Serializable;

/**
 * A valid comment as the remote has it; {@code postRemoteId} is its post's id on the remote, not here.
 * Serializable: a comment waiting to be relocated rides in the step's ExecutionContext ({@link Relocations}).
 */
public record UpstreamComment(long remoteId, long postRemoteId, String name, String email, String body)
        implements Serializable {
}
