package org.schoolcontacts.departments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComException;

/** The edges of the department name rule and the standard-grade table (spec 5.1, 5.2, 12 Q27). */
class DepartmentRulesProperties {
    private static final String FORBIDDEN = "-:*?\"<>/\\|";

    @Provide
    Arbitrary<String> allowedChars() {
        // Latin letters, digits, spaces and CJK ideographs, one code point each
        return Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().withChars(' ').ofLength(1),
                Arbitraries.chars().range('\u4e00', '\u9fa5').map(String::valueOf));
    }

    private Arbitrary<String> names(int min, int max) {
        return allowedChars().list().ofMinSize(min).ofMaxSize(max).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> fittingNames() { return names(1, Limits.DEPARTMENT_NAME_MAX_CHARS); }

    @Provide
    Arbitrary<String> longNames() { return names(Limits.DEPARTMENT_NAME_MAX_CHARS + 1, 80); }

    @Provide
    Arbitrary<String> namesWithAForbiddenChar() {
        return names(0, Limits.DEPARTMENT_NAME_MAX_CHARS - 1).flatMap(n -> Arbitraries.of(FORBIDDEN.chars().boxed().toList())
                .flatMap(c -> Arbitraries.integers().between(0, n.length())
                        .map(at -> n.substring(0, at) + (char) c.intValue() + n.substring(at))));
    }

    @Property
    void namesOfOneToThirtyTwoAllowedCharactersPass(@ForAll("fittingNames") String name) {
        assertThat(DepartmentRules.checkName(name)).isEqualTo(name);
    }

    @Property
    void longerNamesAre60001(@ForAll("longNames") String name) {
        assertThat(catchThrowableOfType(() -> DepartmentRules.checkName(name), WeComException.class).errcode()).isEqualTo(60001);
    }

    @Property
    void aForbiddenCharacterAnywhereIs60009(@ForAll("namesWithAForbiddenChar") String name) {
        assertThat(catchThrowableOfType(() -> DepartmentRules.checkName(name), WeComException.class).errcode()).isEqualTo(60009);
    }

    @Property
    void everyStandardGradeHasANameAndNothingElseIsOne(@ForAll @LongRange(min = -5, max = 20) long code) {
        boolean standard = code >= 1 && code <= 12;
        assertThat(DepartmentRules.isStandardGrade(code)).isEqualTo(standard);
        if (standard) assertThat(DepartmentRules.standardGradeName((int) code)).isNotBlank();
    }

    @Property
    void aStandardGradeEnrolledGradeMinusOneYearsAgo(@ForAll @IntRange(min = 1, max = 12) int grade,
                                                     @ForAll @IntRange(min = 1990, max = 2090) int year) {
        assertThat(DepartmentRules.registerYear(grade, year)).isEqualTo(year - grade + 1);
        assertThat(DepartmentRules.registerYearOk(DepartmentRules.registerYear(grade, year))).isTrue();
    }
}
