package org.schoolcontacts.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.schoolcontacts.junit5.EventReceiver.ReceivedEvent;

/**
 * Compares what one callback receiver got with the events the writers' acknowledged changes owe it.
 * Each writer's changes are sequential, so its events must arrive in its own order; writers interleave
 * freely. Delivery is at-least-once (events §1.7): an event may arrive again right after itself (a retry,
 * or a kill between the receiver's answer and the server recording it), but nothing may arrive that no
 * acknowledged change fired, nothing out of its writer's order, and — once drained — nothing missing.
 */
final class StreamCheck {
    private StreamCheck() {}

    /** What one receiver got, as far as it was checked. */
    record Result(List<String> failures, int received, int duplicates, int expected, int matched) {}

    /**
     * @param owner the writer an event belongs to (by its id), or null for an event no writer made
     * @param complete true once the server has drained: every expected event must have arrived
     */
    static Result check(String receiver, List<ReceivedEvent> received, Map<Integer, List<String>> expected,
                        Function<String, Integer> owner, boolean complete) {
        return checkSummaries(receiver, received.stream().map(ReceivedEvent::summary).toList(), expected, owner, complete);
    }

    /** The same over {@link ReceivedEvent#summary()} strings ("update_student k1s3->k1s3r"). */
    static Result checkSummaries(String receiver, List<String> received, Map<Integer, List<String>> expected,
                                 Function<String, Integer> owner, boolean complete) {
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> next = new java.util.HashMap<>();
        int duplicates = 0;
        for (int i = 0; i < received.size(); i++) {
            String e = received.get(i);
            Integer writer = owner.apply(e);
            List<String> owed = writer == null ? null : expected.get(writer);
            if (owed == null) {
                failures.add(receiver + ": event " + i + " " + e + " belongs to no writer");
                continue;
            }
            int p = next.getOrDefault(writer, 0);
            if (p < owed.size() && owed.get(p).equals(e)) {
                next.put(writer, p + 1);
            } else if (p > 0 && owed.get(p - 1).equals(e)) {
                duplicates++;
            } else {
                failures.add(receiver + ": event " + i + " " + e + " of writer " + writer + " is not its next owed event ("
                        + (p < owed.size() ? owed.get(p) : "none left") + ", after " + p + " matched; owed around there: "
                        + owed.subList(Math.max(0, p - 3), Math.min(owed.size(), p + 4)) + ")");
                if (failures.size() > 20) break;
            }
        }
        int expectedCount = 0;
        int matched = 0;
        for (Map.Entry<Integer, List<String>> w : expected.entrySet()) {
            int p = next.getOrDefault(w.getKey(), 0);
            expectedCount += w.getValue().size();
            matched += p;
            if (complete && p < w.getValue().size()) {
                failures.add(receiver + ": writer " + w.getKey() + "'s events from " + p + " of " + w.getValue().size() + " never arrived: "
                        + w.getValue().subList(p, Math.min(w.getValue().size(), p + 5)));
            }
        }
        return new Result(failures, received.size(), duplicates, expectedCount, matched);
    }
}
