package dev.jpsync.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.jpsync.jobs.importjob.PartState.Action;
import dev.jpsync.jobs.importjob.PartState.Decision;

/** The per-record decision of the import's writer, apart from the database that feeds it. */
class PartStateTest {

    private static PartState posts(Map<Long, Long> matched, Set<Long> taken, Set<Long> withLocalWork, Set<Long> deletedHere) {
        return new PartState(matched, taken, withLocalWork, deletedHere, null);
    }

    @Test
    void aRecordNoRowHoldsIsANewRowUnderItsUpstreamId() {
        Decision decision = posts(Map.of(), Set.of(), Set.of(), Set.of()).decide(7, null);

        assertThat(decision).isEqualTo(new Decision(Action.WRITE, 7, null, true));
    }

    @Test
    void aRecordARowHoldsIsWrittenToThatRowAndIsNoNewRow() {
        Decision decision = posts(Map.of(7L, 42L), Set.of(), Set.of(), Set.of()).decide(7, null);

        assertThat(decision).isEqualTo(new Decision(Action.WRITE, 42, null, false));
    }

    @Test
    void localWorkOnTheRowThatHoldsTheRecordKeepsItOut() {
        assertThat(posts(Map.of(7L, 42L), Set.of(), Set.of(42L), Set.of()).decide(7, null).action()).isEqualTo(Action.KEEP);
        // the work on row 7, not on the row that holds the record, does not count
        assertThat(posts(Map.of(7L, 42L), Set.of(), Set.of(7L), Set.of()).decide(7, null).action()).isEqualTo(Action.WRITE);
    }

    @Test
    void localWorkUnderTheUpstreamIdOfARecordNoRowHoldsKeepsItOut() {
        assertThat(posts(Map.of(), Set.of(), Set.of(7L), Set.of()).decide(7, null).action()).isEqualTo(Action.KEEP);
    }

    @Test
    void aRecordDeletedHereIsKeptOutEvenWhenItsIdIsTaken() {
        assertThat(posts(Map.of(), Set.of(7L), Set.of(), Set.of(7L)).decide(7, null).action()).isEqualTo(Action.KEEP);
    }

    @Test
    void aRecordWhoseIdAnotherRowHasIsRelocatedUnlessARowHoldsIt() {
        assertThat(posts(Map.of(), Set.of(7L), Set.of(), Set.of()).decide(7, null).action()).isEqualTo(Action.RELOCATE);
        assertThat(posts(Map.of(7L, 42L), Set.of(7L), Set.of(), Set.of()).decide(7, null).action()).isEqualTo(Action.WRITE);
    }

    @Test
    void aCommentGetsItsPostsLocalIdAndIsKeptOutWhenThePostHasNoRowHere() {
        PartState comments = new PartState(Map.of(), Set.of(), Set.of(), Set.of(), Map.of(3L, 30L));

        assertThat(comments.decide(11, 3L)).isEqualTo(new Decision(Action.WRITE, 11, 30L, true));
        assertThat(comments.decide(12, 4L).action()).isEqualTo(Action.KEEP);
    }

    @Test
    void aCommentWithoutItsPostIsKeptOutBeforeAnythingElseIsAsked() {
        PartState comments = new PartState(Map.of(), Set.of(12L), Set.of(), Set.of(), Map.of());

        assertThat(comments.decide(12, 4L).action()).as("kept, not relocated").isEqualTo(Action.KEEP);
    }
}
