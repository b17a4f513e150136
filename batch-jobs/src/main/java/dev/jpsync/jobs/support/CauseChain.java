package dev.jpsync.jobs.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An exception and its causes, outermost first. The one walker over cause chains, for the jobs' exit
 * descriptions and the API's problem details alike; it stops at a cause seen before, so a cyclic chain ends.
 */
public final class CauseChain {

    private CauseChain() {
    }

    public static List<Throwable> of(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** The outermost exception of the chain that is a {@code type}. */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        return of(failure).stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The innermost cause (the failure itself when it has none). */
    public static Throwable root(Throwable failure) {
        List<Throwable> chain = of(failure);
        return chain.get(chain.size() - 1);
    }

    /** The innermost cause's message alone, or its class name when it has none: a reason shown to operators. */
    public static String rootReason(Throwable failure) {
        Throwable root = root(failure);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** "SimpleClassName: message" of the innermost cause, the usual one-line reason of a failure. */
    public static String rootMessage(Throwable failure) {
        Throwable root = root(failure);
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
