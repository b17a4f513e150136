package dev.jpsync.jobs.support;

/** Counts in exit descriptions and logs: "1 entry", "2 entries", "0 posts". */
public final class Plural {

    private Plural() {
    }

    /** {@code n} and the noun, with an "s" unless n is 1. */
    public static String of(long n, String noun) {
        return of(n, noun, noun + "s");
    }

    public static String of(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
