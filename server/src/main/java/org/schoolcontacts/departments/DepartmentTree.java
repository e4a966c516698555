package org.schoolcontacts.departments;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The order of a department list (spec 7.4, chosen): a depth-first walk from the top department, so
 * every parent comes before its children; siblings by {@code order} descending (an unset order counts
 * as 0), then by id ascending.
 */
final class DepartmentTree {
    private DepartmentTree() {}

    static final Comparator<Department> SIBLINGS = Comparator
            .comparingLong((Department d) -> d.order() == null ? 0L : d.order()).reversed()
            .thenComparingLong(Department::id);

    /** {@code top} and all its descendants in list order, or empty when {@code top} is not among them. */
    static Optional<List<Department>> subtree(List<Department> all, long top) {
        Map<Long, List<Department>> children = new HashMap<>();
        Department start = null;
        for (Department d : all) {
            if (d.id() == top) start = d;
            else children.computeIfAbsent(d.parentId(), k -> new ArrayList<>()).add(d);
        }
        if (start == null) return Optional.empty();
        List<Department> out = new ArrayList<>();
        Deque<Department> stack = new ArrayDeque<>();
        stack.push(start);
        while (!stack.isEmpty()) {
            Department d = stack.pop();
            out.add(d);
            List<Department> kids = children.get(d.id());
            if (kids == null) continue;
            // pushed in reverse so that the first sibling is walked first
            kids.sort(SIBLINGS.reversed());
            for (Department k : kids) stack.push(k);
        }
        return Optional.of(out);
    }
}
