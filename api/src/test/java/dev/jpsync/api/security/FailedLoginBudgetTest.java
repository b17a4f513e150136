package dev.jpsync.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class FailedLoginBudgetTest {

    private static final long SECOND = 1_000_000_000L;

    private final FailedLoginBudget budget = new FailedLoginBudget(3, Duration.ofSeconds(10), 100);

    @Test
    void aBurstIsAllowedThenTheAddressWaitsForTheRefill() {
        for (int i = 0; i < 3; i++) {
            assertThat(budget.waitBeforeNextAttempt("10.0.0.1", 0)).as("attempt " + i).isEmpty();
            budget.failed("10.0.0.1", 0);
        }
        assertThat(budget.waitBeforeNextAttempt("10.0.0.1", 0)).contains(Duration.ofSeconds(10));
        assertThat(budget.waitBeforeNextAttempt("10.0.0.1", 4 * SECOND)).contains(Duration.ofSeconds(6));
        // another address has its own budget
        assertThat(budget.waitBeforeNextAttempt("10.0.0.2", 4 * SECOND)).isEmpty();

        // one more attempt after a refill, then waiting again
        assertThat(budget.waitBeforeNextAttempt("10.0.0.1", 10 * SECOND)).isEmpty();
        budget.failed("10.0.0.1", 10 * SECOND);
        assertThat(budget.waitBeforeNextAttempt("10.0.0.1", 10 * SECOND)).contains(Duration.ofSeconds(10));
    }

    @Test
    void theBudgetRefillsToTheBurstAndNoFurther() {
        for (int i = 0; i < 3; i++) {
            budget.failed("10.0.0.1", 0);
        }
        long later = 3600 * SECOND;
        for (int i = 0; i < 3; i++) {
            assertThat(budget.waitBeforeNextAttempt("10.0.0.1", later)).as("attempt " + i).isEmpty();
            budget.failed("10.0.0.1", later);
        }
        assertThat(budget.waitBeforeNextAttempt("10.0.0.1", later)).isPresent();
    }

    @Test
    void theAddressFailingLongestAgoIsForgottenBeyondTheLimit() {
        FailedLoginBudget small = new FailedLoginBudget(1, Duration.ofHours(1), 2);
        small.failed("a", 0);
        small.failed("b", 0);
        small.failed("c", 0);
        assertThat(small.waitBeforeNextAttempt("a", 0)).isEmpty();
        assertThat(small.waitBeforeNextAttempt("b", 0)).isPresent();
        assertThat(small.waitBeforeNextAttempt("c", 0)).isPresent();
    }
}
