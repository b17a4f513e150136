package dev.jpsync.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CostRoundsTest {

    @Test
    void costIsTheShareOfThroughputCaptureTakesAway() {
        assertThat(CostRounds.cost(900, 1000)).isCloseTo(0.10, within(1e-9));
        assertThat(CostRounds.cost(1100, 1000)).isCloseTo(-0.10, within(1e-9));
    }

    @Test
    void medianOfAnOddAndOfAnEvenNumberOfRounds() {
        assertThat(CostRounds.median(new double[] {0.3, 0.1, 0.2})).isEqualTo(0.2);
        assertThat(CostRounds.median(new double[] {0.4, 0.1, 0.3, 0.2})).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void reportsEachRoundAndTheMedianAndSpreadAgainstTheTarget() {
        CostRounds rounds = new CostRounds("rows/s");
        assertThat(rounds.add(900, 1000)).isEqualTo("round 1: with capture 900 rows/s, without 1,000 rows/s, cost 10.0%");
        rounds.add(800, 1000);
        rounds.add(1900, 2000);

        assertThat(rounds.medianCost()).isCloseTo(0.10, within(1e-9));
        assertThat(rounds.lowestCost()).isCloseTo(0.05, within(1e-9));
        assertThat(rounds.highestCost()).isCloseTo(0.20, within(1e-9));
        assertThat(rounds.summary(15)).isEqualTo(
                "capture cost over 3 rounds: median 10.0%, spread 5.0% to 20.0% (target <= 15%: met)");
        assertThat(rounds.summary(5)).endsWith("(target <= 5%: NOT met)");
    }

    @Test
    void refusesARoundWithoutThroughput() {
        CostRounds rounds = new CostRounds("req/s");
        assertThatThrownBy(() -> rounds.add(0, 1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(rounds::medianCost).isInstanceOf(IllegalStateException.class);
    }
}
