package org.schoolcontacts.departments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
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

    /** D-92344's codes by stage: 1-5, 31-39, 61-64, 91-94, 121-132 (0 is 非标准年级, not a standard grade). */
    private static boolean inWeComsTable(long code) {
        return (code >= 1 && code <= 5) || (code >= 31 && code <= 39) || (code >= 61 && code <= 64)
                || (code >= 91 && code <= 94) || (code >= 121 && code <= 132);
    }

    @Property
    void exactlyTheCodesOfWeComsStandardGradeTableAreStandardGrades(@ForAll @LongRange(min = -5, max = 200) long code) {
        assertThat(DepartmentRules.isStandardGrade(code)).isEqualTo(inWeComsTable(code));
        if (inWeComsTable(code)) assertThat(DepartmentRules.standardGradeName((int) code)).isNotBlank();
    }

    @Test
    void standardGradeNamesAreWeComsTableNames() {
        assertThat(DepartmentRules.STANDARD_GRADE_NAMES).hasSize(34);
        assertThat(DepartmentRules.standardGradeName(1)).isEqualTo("幼儿园小小班");
        assertThat(DepartmentRules.standardGradeName(2)).isEqualTo("幼儿园小班");
        assertThat(DepartmentRules.standardGradeName(3)).isEqualTo("幼儿园中班");
        assertThat(DepartmentRules.standardGradeName(4)).isEqualTo("幼儿园大班");
        assertThat(DepartmentRules.standardGradeName(5)).isEqualTo("幼儿园学前班");
        assertThat(DepartmentRules.standardGradeName(31)).isEqualTo("小学一年级");
        assertThat(DepartmentRules.standardGradeName(36)).isEqualTo("小学六年级");
        assertThat(DepartmentRules.standardGradeName(39)).isEqualTo("小学九年级");
        assertThat(DepartmentRules.standardGradeName(61)).isEqualTo("初中一年级");
        assertThat(DepartmentRules.standardGradeName(64)).isEqualTo("初中四年级");
        assertThat(DepartmentRules.standardGradeName(91)).isEqualTo("高中一年级");
        assertThat(DepartmentRules.standardGradeName(94)).isEqualTo("高中四年级");
        assertThat(DepartmentRules.standardGradeName(121)).isEqualTo("自定义学段一年级");
        assertThat(DepartmentRules.standardGradeName(130)).isEqualTo("自定义学段十年级");
        assertThat(DepartmentRules.standardGradeName(132)).isEqualTo("自定义学段十二年级");
        assertThat(DepartmentRules.isStandardGrade(0)).isFalse();
    }

    @Property
    void aComputedRegisterYearIsTheCurrentYearMinusTheGradesPlaceInItsStagePlusOne(
            @ForAll @LongRange(min = 1, max = 132) long code, @ForAll @IntRange(min = 1990, max = 2090) int year) {
        if (!inWeComsTable(code)) return;
        int place = (int) code % 30;
        assertThat(DepartmentRules.registerYear((int) code, year)).isEqualTo(year - place + 1);
        assertThat(DepartmentRules.registerYearOk(DepartmentRules.registerYear((int) code, year))).isTrue();
    }

    @Test
    void d100158sExampleSecondYearOfPrimaryIn2019EnrolledIn2018() {
        assertThat(DepartmentRules.registerYear(32, 2019)).isEqualTo(2018);
    }
}
