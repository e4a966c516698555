package org.schoolcontacts.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.corps.CorpSpec;
import org.schoolcontacts.storage.Dialect;
import org.schoolcontacts.storage.StoreContract;

/**
 * The seed's corp-level rules of running.md and spec 3.1/11: one editing app per school, the
 * {@code enabled} and {@code verified} flags, and seed items refused on a field of the wrong JSON type.
 * (The corp rules need no database; applying items runs on the embedded store.)
 */
class SeederTest extends StoreContract {
    @Override
    protected Dialect dialect() { return Dialect.SQLITE; }

    private static String corp(String apps) {
        return ("{'corps':[{'corpid':'wwseed','name':'S','apps':[" + apps + "]}]}").replace('\'', '"');
    }

    private static String app(long agentid, String kind, String permission) {
        return "{'agentid':" + agentid + ",'kind':'" + kind + "','school_contacts':'" + permission + "','secret':'s" + agentid + "'}";
    }

    private static List<CorpSpec> parse(String json) {
        return Seeder.parseCorps(Seeder.readText(json));
    }

    @Test
    void twoEditingSelfBuiltAppsInOneSchoolAreRefusedAtStartNamingThem() {
        assertThatThrownBy(() -> parse(corp(app(1, "self_built", "edit") + "," + app(2, "self_built", "edit"))))
                .isInstanceOf(SeedException.class)
                .hasMessageContaining("seed corps[0] (wwseed)")
                .hasMessageContaining("at most one self_built app may have school_contacts \"edit\"")
                .hasMessageContaining("agentids 1, 2");
    }

    @Test
    void twoEditingThirdPartyAppsInOneSchoolAreRefused() {
        assertThatThrownBy(() -> parse(corp(app(1, "third_party", "edit") + "," + app(2, "third_party", "edit"))))
                .isInstanceOf(SeedException.class).hasMessageContaining("at most one third_party app");
    }

    @Test
    void aDisabledEditingAppStillCountsAsTheSchoolsEditor() {
        String disabled = "{'agentid':2,'kind':'self_built','school_contacts':'edit','enabled':false,'secret':'s2'}";
        assertThatThrownBy(() -> parse(corp(app(1, "self_built", "edit") + "," + disabled))).isInstanceOf(SeedException.class);
    }

    @Test
    void oneEditorOfEachKindReadersAgencyAppsAndTheSystemSecretAreAccepted() {
        List<CorpSpec> corps = parse(corp(String.join(",", app(1, "self_built", "edit"), app(2, "third_party", "edit"),
                app(3, "agency", "edit"), app(4, "agency", "edit"), app(5, "self_built", "read"), app(6, "self_built", "read"),
                app(7, "third_party", "read"), "{'kind':'system','secret':'sys'}")));
        assertThat(corps.get(0).apps()).hasSize(8);
        // the rule is per school: another school has its own editor
        String two = ("{'corps':[{'corpid':'a','apps':[" + app(1, "self_built", "edit") + "]},"
                + "{'corpid':'b','apps':[" + app(1, "self_built", "edit").replace("s1", "s9") + "]}]}").replace('\'', '"');
        assertThat(parse(two)).hasSize(2);
    }

    @Test
    void enabledAndVerifiedDefaultToTrueAndMayBeSetFalse() {
        CorpSpec plain = parse(corp(app(1, "self_built", "edit"))).get(0);
        assertThat(plain.verified()).isTrue();
        assertThat(plain.apps().get(0).enabled()).isTrue();
        String json = ("{'corps':[{'corpid':'wwseed','verified':false,'apps':["
                + "{'agentid':1,'kind':'self_built','school_contacts':'edit','enabled':false,'secret':'s1'}]}]}").replace('\'', '"');
        CorpSpec set = parse(json).get(0);
        assertThat(set.verified()).isFalse();
        assertThat(set.apps().get(0).enabled()).isFalse();
        assertThatThrownBy(() -> parse(json.replace("\"verified\":false", "\"verified\":\"no\"")))
                .isInstanceOf(SeedException.class).hasMessageContaining("\"verified\" must be true or false");
    }

    @Test
    void anUnverifiedSeedCorpGetsTheSmallParentCap() {
        Seeder seeder = new Seeder(db, clock, new LinkedHashMap<>(), Seeder.readText(("{'corps':[{'corpid':'wwunverified','verified':false,"
                + "'apps':[" + app(1, "self_built", "edit") + "]}]}").replace('\'', '"')), false);
        assertThat(seeder.apply()).containsExactly("wwunverified");
        long unverified = db.read(tx -> tx.count("SELECT COUNT(*) FROM corps WHERE corp_id = 'wwunverified' AND verified = 0"));
        assertThat(unverified).isEqualTo(1);
    }

    @Test
    void aSeedItemWithAFieldOfTheWrongJsonTypeIsRefusedNamingTheField() {
        LinkedHashMap<String, SeedStep> steps = new LinkedHashMap<>();
        steps.put("departments", services.departments()::seed);
        String json = ("{'corps':[{'corpid':'wwmistyped','apps':[" + app(1, "self_built", "edit") + "],"
                + "'departments':[{'id':10,'parentid':1,'type':3,'name':'Stage','order':'high'}]}]}").replace('\'', '"');
        Seeder seeder = new Seeder(db, clock, steps, Seeder.readText(json), false);
        assertThatThrownBy(seeder::apply).isInstanceOf(SeedException.class)
                .hasMessageContaining("departments[0] (id 10)").hasMessageContaining("wrong JSON type for order");
        long corps = db.read(tx -> tx.count("SELECT COUNT(*) FROM corps WHERE corp_id = 'wwmistyped'"));
        assertThat(corps).as("a refused seed leaves nothing").isZero();
    }

    @Test
    void theDemoSeedsGradeIsARealFirstYearOfPrimarySchool() {
        LinkedHashMap<String, SeedStep> steps = new LinkedHashMap<>();
        steps.put("departments", services.departments()::seed);
        steps.put("students", services.students()::seed);
        steps.put("parents", services.parents()::seed);
        new Seeder(db, clock, steps, Seeder.demo(), true).apply();
        var grade = services.departments().list("wwschool00000001", 10).get(0);
        assertThat(grade.standardGrade()).isEqualTo(31);
        assertThat(grade.name()).isEqualTo("小学一年级");
        assertThat(grade.registerYear()).isEqualTo(2026);
    }
}
