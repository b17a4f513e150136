package dev.jpsync.jobs.verifyjob;

import dev.jpsync.domain.EntityKind;

/**
 * What a repair did (or, in a dry run, would do) to one report row.
 *
 * @param action  the plan, e.g. {@code PUT /posts/7 (next export)} or {@code UPDATE posts 7 [title]}
 * @param outcome PLANNED (dry run), DONE, SKIPPED (nothing to do, see detail) or FAILED (see detail)
 * @param detail  why a row was skipped or failed; what was written otherwise
 */
public record RepairStep(long driftId, EntityKind entity, Long localId, Long remoteId, DriftKind kind, String action,
                         Outcome outcome, String detail) {

    public enum Outcome {
        PLANNED,
        DONE,
        SKIPPED,
        FAILED
    }
}
