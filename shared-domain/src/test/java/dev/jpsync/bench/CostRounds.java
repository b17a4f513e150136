package dev.jpsync.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Rounds of a side-by-side measurement of what change capture costs: each round measures both sides (with and
 * without capture) in the same minutes, and its cost is {@code 1 - with / without}. One round says little on a
 * machine whose speed drifts with its load, so the benchmarks report the median of several rounds and their
 * spread (lowest and highest cost) against the target.
 */
public final class CostRounds {

    private final String unit;
    private final List<double[]> rounds = new ArrayList<>();

    /** @param unit what the rates count, e.g. {@code rows/s} */
    public CostRounds(String unit) {
        this.unit = unit;
    }

    /** Records one round's rates and returns the line that reports it. */
    public String add(double withCapture, double withoutCapture) {
        if (!(withCapture > 0 && withoutCapture > 0)) {
            throw new IllegalArgumentException("rates must be positive: " + withCapture + ", " + withoutCapture);
        }
        rounds.add(new double[] {withCapture, withoutCapture});
        return String.format(Locale.ROOT, "round %d: with capture %,.0f %s, without %,.0f %s, cost %.1f%%",
                rounds.size(), withCapture, unit, withoutCapture, unit, 100 * cost(withCapture, withoutCapture));
    }

    /** The share of throughput capture takes away: 0.1 when the captured side does 90% of the other's rate. */
    public static double cost(double withCapture, double withoutCapture) {
        return 1 - withCapture / withoutCapture;
    }

    public double medianCost() {
        return median(costs());
    }

    public double lowestCost() {
        return Arrays.stream(costs()).min().orElseThrow();
    }

    public double highestCost() {
        return Arrays.stream(costs()).max().orElseThrow();
    }

    /** e.g. {@code capture cost over 5 rounds: median 9.7%, spread 8.9% to 11.2% (target <= 15%: met)}. */
    public String summary(double targetPercent) {
        double median = 100 * medianCost();
        return String.format(Locale.ROOT, "capture cost over %d round%s: median %.1f%%, spread %.1f%% to %.1f%%"
                        + " (target <= %.0f%%: %s)", rounds.size(), rounds.size() == 1 ? "" : "s", median,
                100 * lowestCost(), 100 * highestCost(), targetPercent, median <= targetPercent ? "met" : "NOT met");
    }

    private double[] costs() {
        if (rounds.isEmpty()) {
            throw new IllegalStateException("no rounds measured");
        }
        return rounds.stream().mapToDouble(r -> cost(r[0], r[1])).toArray();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
