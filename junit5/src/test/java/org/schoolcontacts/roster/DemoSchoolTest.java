package org.schoolcontacts.roster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.junit5.SchoolContactsHandle;

/** --demo-size N: the demo school with N students, their classes and parents, the same for the same N. */
class DemoSchoolTest {
    @TempDir
    Path dir;

    @Test
    void theSameSizeGivesTheSameSchoolAndAnotherSizeAnother() {
        assertThat(DemoSchool.seed(300)).isEqualTo(DemoSchool.seed(300));
        assertThat(DemoSchool.seed(301)).isNotEqualTo(DemoSchool.seed(300));
    }

    @Test
    void theSchoolHasNStudentsWithChineseNamesUniqueMobilesAndParentsWithinTheCap() {
        JsonNode corp = DemoSchool.seed(2_000).path("corps").get(0);
        assertThat(corp.path("corpid").asText()).isEqualTo("wwschool00000001");
        assertThat(corp.path("apps").findValuesAsText("secret")).contains("edit-secret-0001", "read-secret-0001");
        assertThat(corp.path("students")).hasSize(2_000);
        Set<String> mobiles = new HashSet<>();
        for (JsonNode s : corp.path("students")) {
            assertThat(mobiles.add(s.path("mobile").asText())).isTrue();
            assertThat(s.path("mobile").asText()).matches("1[3-9]\\d{9}");
        }
        for (JsonNode s : corp.path("students")) {
            if (!s.path("student_userid").asText().equals("s0001")) assertThat(s.path("name").asText()).matches("\\p{IsHan}{2,3}");
        }
        Set<String> parentMobiles = new HashSet<>();
        for (JsonNode p : corp.path("parents")) assertThat(parentMobiles.add(p.path("mobile").asText())).isTrue();
        assertThat(corp.path("parents").size()).isBetween(2_000, 4_000);
        assertThat(DemoSchool.seed(30_000).path("corps").get(0).path("parents").size()).isLessThanOrEqualTo(DemoSchool.PARENT_CAP);
    }

    @Test
    void aServerStartedWithItServesTheStudentsInTheirClasses() {
        try (SchoolContactsHandle h = RosterSchools.demoSchool(dir, 100)) {
            JsonNode all = h.reader().get("/cgi-bin/school/user/list?department_id=1&fetch_child=1");
            assertThat(all.path("students")).hasSize(100);
            // README's session still works: s0001 in class 11 with parent p0001
            JsonNode s1 = h.reader().get("/cgi-bin/school/user/get?userid=s0001").path("student");
            assertThat(s1.path("department").get(0).asInt()).isEqualTo(11);
            assertThat(s1.path("parents").get(0).path("parent_userid").asText()).isEqualTo("p0001");
            JsonNode tree = h.reader().get("/cgi-bin/school/department/list");
            assertThat(tree.findValuesAsText("name")).contains("小学一年级", "1班");
        }
    }
}
