package org.schoolcontacts.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a failing sequence of steps by dropping steps while it still fails: first halves, then
 * quarters, down to single steps (a simple form of delta debugging), within a budget of replays. The
 * result still fails, and no single step of it can be dropped unless the budget ran out.
 */
final class Shrinker {
    private Shrinker() {}

    /** What shrinking found: the shortest failing sequence and how many replays it took. */
    record Shrunk<T>(List<T> steps, int replays, boolean budgetLeft) {}

    static <T> Shrunk<T> shrink(List<T> failing, Predicate<List<T>> stillFails, int maxReplays) {
        List<T> current = new ArrayList<>(failing);
        int replays = 0;
        for (int chunk = Math.max(1, current.size() / 2); chunk >= 1; chunk = chunk == 1 ? 0 : Math.max(1, chunk / 2)) {
            boolean droppedAny = true;
            while (droppedAny) {
                droppedAny = false;
                for (int start = 0; start < current.size(); ) {
                    if (replays >= maxReplays) return new Shrunk<>(current, replays, false);
                    List<T> candidate = new ArrayList<>(current.subList(0, start));
                    candidate.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
                    replays++;
                    if (!candidate.isEmpty() && stillFails.test(candidate)) {
                        current = candidate;
                        droppedAny = true;
                    } else {
                        start += chunk;
                    }
                }
                if (chunk > 1) break; // finer chunks next; single steps repeat until nothing more can go
            }
        }
        return new Shrunk<>(current, replays, true);
    }
}
