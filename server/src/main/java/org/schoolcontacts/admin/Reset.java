package org.schoolcontacts.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code POST /__admin/reset}: the one place that returns the server to how it started. Each feature
 * registers the part it owns (a name and a step that clears it), so a new store of its own joins the
 * reset by one {@link #register} call where the server is wired ({@code SchoolContacts}).
 *
 * <p>A reset runs every registered step in registration order, except the parts the caller asks to
 * keep, then the {@code data} part (every school deleted and the seed applied again), then the
 * after-seed hooks. Steps run before the data part, so a feature's rows that point at a school are
 * gone before the school is.
 */
public final class Reset {
    /** The built-in part that deletes every school and applies the seed again. */
    public static final String DATA = "data";

    /** One part's clearing step. */
    @FunctionalInterface
    public interface Step {
        void run();
    }

    private final Map<String, Step> steps = new LinkedHashMap<>();
    private final List<Step> afterSeed = new ArrayList<>();
    private final Supplier<List<String>> data;

    /** @param data deletes every school and applies the seed again; returns the corps created */
    public Reset(Supplier<List<String>> data) { this.data = data; }

    /** Adds a part (e.g. {@code "faults"}) and the step that clears it. Names are unique. */
    public synchronized Reset register(String part, Step step) {
        if (part.equals(DATA) || steps.containsKey(part)) throw new IllegalStateException("reset part registered twice: " + part);
        steps.put(part, step);
        return this;
    }

    /** Runs after the seed was applied again (e.g. a first suite ticket); skipped when data is kept. */
    public synchronized Reset afterSeed(Step step) {
        afterSeed.add(step);
        return this;
    }

    /** Every part's name, {@code data} last. */
    public synchronized List<String> parts() {
        List<String> all = new ArrayList<>(steps.keySet());
        all.add(DATA);
        return all;
    }

    /** What a reset did: the parts reset, the parts kept, the corps the seed created. */
    public record Outcome(List<String> reset, List<String> kept, List<String> corps) {}

    /** Resets every part not in {@code keep} (names checked by the caller against {@link #parts()}). */
    public synchronized Outcome run(Set<String> keep) {
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, Step> s : steps.entrySet()) {
            if (keep.contains(s.getKey())) continue;
            s.getValue().run();
            done.add(s.getKey());
        }
        List<String> corps = List.of();
        if (!keep.contains(DATA)) {
            corps = data.get();
            done.add(DATA);
            for (Step s : afterSeed) s.run();
        }
        List<String> kept = parts().stream().filter(keep::contains).toList();
        return new Outcome(List.copyOf(done), kept, corps);
    }
}
