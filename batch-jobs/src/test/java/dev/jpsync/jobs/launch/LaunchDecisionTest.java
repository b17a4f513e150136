package dev.jpsync.jobs.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;

/** Holding the run lock, which executions marked as running are dead and which one refuses the launch. */
class LaunchDecisionTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 1, 1, 12, 0);

    private static JobExecution createdSecondsAgo(long id, long seconds) {
        JobExecution execution = MetaDataInstanceFactory.createJobExecution(id);
        execution.setCreateTime(NOW.minusSeconds(seconds));
        return execution;
    }

    @Test
    void nothingMarkedRunningLetsTheLaunchGoAhead() {
        LaunchDecision decision = LaunchDecision.holdingTheRunLock(List.of(), NOW);
        assertThat(decision.live()).isEmpty();
        assertThat(decision.abandoned()).isEmpty();
    }

    @Test
    void executionsOlderThanTheGraceAreAbandonedAndRecovered() {
        JobExecution killed = createdSecondsAgo(3, 31);
        JobExecution killedEarlier = createdSecondsAgo(2, 3600);
        LaunchDecision decision = LaunchDecision.holdingTheRunLock(List.of(killedEarlier, killed), NOW);
        assertThat(decision.live()).isEmpty();
        assertThat(decision.abandoned()).containsExactly(killedEarlier, killed);
    }

    @Test
    void anExecutionWithinTheGraceRefusesTheLaunchAndNothingIsRecovered() {
        JobExecution old = createdSecondsAgo(4, 600);
        JobExecution starting = createdSecondsAgo(5, 30); // exactly at the edge: still given the benefit of the doubt
        LaunchDecision decision = LaunchDecision.holdingTheRunLock(List.of(old, starting), NOW);
        assertThat(decision.live()).contains(starting);
        assertThat(decision.abandoned()).isEmpty();
    }
}
