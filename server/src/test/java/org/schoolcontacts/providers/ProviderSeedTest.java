package org.schoolcontacts.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.SchoolContacts;
import org.schoolcontacts.ServerConfig;
import org.schoolcontacts.admin.SeedException;
import org.schoolcontacts.admin.Seeder;

/** The seed's providers section is checked at start, and a refusal names the item (spec 5.1). */
class ProviderSeedTest {
    private static final String GOOD = """
            {"providers": [{"corpid": "wwprovider000001", "provider_secret": "ps",
              "suites": [
                {"suite_id": "wwsuite000000001", "kind": "third_party", "suite_secret": "s1", "token": "Tok1",
                 "encoding_aes_key": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "school_permission": "edit"},
                {"suite_id": "dktemplate000001", "kind": "agency", "suite_secret": "s2", "token": "Tok2",
                 "encoding_aes_key": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "school_permission": "read",
                 "app_callback": {"url": "http://127.0.0.1:9002/app", "token": "T", "encoding_aes_key": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"}}],
              "installs": [{"suite_id": "wwsuite000000001", "corpid": "wwschool00000001"},
                           {"suite_id": "dktemplate000001", "corpid": "wwschool00000001", "agentid": 1000050}]}],
             "corps": [{"corpid": "wwschool00000001", "apps": [{"agentid": 1000001, "kind": "self_built", "school_contacts": "edit", "secret": "e"}]}]}
            """;

    private static ObjectNode good() { return (ObjectNode) Seeder.readText(GOOD); }

    private static String refusal(JsonNode seed) {
        try {
            ProviderSeed.parse(seed, Seeder.parseCorpsOf(seed));
        } catch (SeedException e) {
            return e.getMessage();
        }
        throw new AssertionError("the seed was accepted");
    }

    @Test
    void aGoodSeedDerivesMissingPermanentCodesReproducibly() {
        var specs = ProviderSeed.parse(good(), Seeder.parseCorpsOf(good()));
        var install = specs.get(0).installs().get(0);
        assertThat(install.permanentCode()).hasSize(64).matches("[A-Za-z0-9_-]{64}")
                .isEqualTo(Derived.permanentCode("wwsuite000000001", "wwschool00000001"));
        assertThat(install.agentid()).isNull();
        assertThat(specs.get(0).installs().get(1).agentid()).isEqualTo(1000050L);
    }

    @Test
    void badSuitesAreNamed() {
        ObjectNode s = good();
        ((ObjectNode) s.at("/providers/0/suites/0")).put("suite_id", "dkwrongprefix");
        assertThat(refusal(s)).contains("seed providers[0] (wwprovider000001) suites[0] (dkwrongprefix)").contains("ww or wx");

        s = good();
        ((ObjectNode) s.at("/providers/0/suites/1")).put("encoding_aes_key", "short");
        assertThat(refusal(s)).contains("suites[1] (dktemplate000001)").contains("encoding_aes_key").contains("43");

        s = good();
        ((ObjectNode) s.at("/providers/0/suites/0")).put("token", "has space");
        assertThat(refusal(s)).contains("suites[0] (wwsuite000000001)").contains("\"token\"");

        s = good();
        ((ObjectNode) s.at("/providers/0/suites/0")).put("school_permission", "parent_app");
        assertThat(refusal(s)).contains("school_permission").contains("edit or read");

        s = good();
        ((ObjectNode) s.at("/providers/0/suites/1")).put("suite_id", "wwsuite000000001").put("kind", "third_party").remove("app_callback");
        assertThat(refusal(s)).contains("suite_id appears twice");
    }

    @Test
    void badInstallsAreNamed() {
        ObjectNode s = good();
        ((ObjectNode) s.at("/providers/0/installs/0")).put("corpid", "wwnosuchcorp");
        assertThat(refusal(s)).contains("installs[0] (wwsuite000000001 in wwnosuchcorp)").contains("not a corp of the seed");

        s = good();
        ((ObjectNode) s.at("/providers/0/installs/1")).put("agentid", 1000001);
        assertThat(refusal(s)).contains("installs[1]").contains("agentid 1000001 is taken");

        s = good();
        ((ObjectNode) s.at("/providers/0/installs/0")).put("permanent_code", "too-short");
        assertThat(refusal(s)).contains("installs[0]").contains("permanent_code");

        s = good();
        ((ObjectNode) s.at("/providers/0/installs/0")).put("suite_id", "wwother000000001");
        assertThat(refusal(s)).contains("not a suite of this provider");
    }

    @Test
    void aServerWithABadProviderSeedDoesNotStart(@TempDir Path dir) throws Exception {
        ObjectNode s = good();
        ((ObjectNode) s.at("/providers/0")).remove("provider_secret");
        assertThatThrownBy(() -> SchoolContacts.start(ServerConfig.embeddedOnFreePort(dir).withSeed(s)))
                .isInstanceOf(SeedException.class)
                .hasMessageContaining("seed providers[0] (wwprovider000001): \"provider_secret\" is required");
    }
}
