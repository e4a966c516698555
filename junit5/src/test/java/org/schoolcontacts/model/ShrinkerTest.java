package org.schoolcontacts.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShrinkerTest {
    @Test
    void aFailureThatNeedsTwoStepsInOrderShrinksToExactlyThoseTwo() {
        List<Integer> steps = IntStream.range(0, 150).boxed().toList();
        // fails when 17 comes somewhere before 123
        Shrinker.Shrunk<Integer> s = Shrinker.shrink(steps, l -> l.contains(17) && l.contains(123) && l.indexOf(17) < l.indexOf(123), 1000);
        assertThat(s.steps()).containsExactly(17, 123);
        assertThat(s.budgetLeft()).isTrue();
    }

    @Test
    void theBudgetStopsShrinkingWithASequenceThatStillFails() {
        List<Integer> steps = IntStream.range(0, 150).boxed().toList();
        Shrinker.Shrunk<Integer> s = Shrinker.shrink(steps, l -> l.contains(3) && l.contains(140), 5);
        assertThat(s.steps()).contains(3, 140);
        assertThat(s.replays()).isEqualTo(5);
        assertThat(s.budgetLeft()).isFalse();
    }
}
