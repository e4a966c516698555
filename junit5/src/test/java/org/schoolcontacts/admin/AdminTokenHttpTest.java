package org.schoolcontacts.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

@SchoolContactsServer(adminToken = "s3cret-admin")
class AdminTokenHttpTest {
    SchoolContactsHandle handle;

    @Test
    void withAnAdminTokenSetAdminEndpointsRequireTheBearerHeader() {
        var without = SchoolContactsHandle.send("GET", handle.baseUrl() + "/__admin/faults", null);
        assertThat(without.status()).isEqualTo(401);
        var wrong = SchoolContactsHandle.send("GET", handle.baseUrl() + "/__admin/faults", null, "Bearer nope");
        assertThat(wrong.status()).isEqualTo(401);
        var right = SchoolContactsHandle.send("GET", handle.baseUrl() + "/__admin/faults", null, "Bearer s3cret-admin");
        assertThat(right.status()).isEqualTo(200);
        assertThat(right.body().has("faults")).isTrue();
    }

    @Test
    void healthAnswersWithoutTheAdminTokenAsHealthChecksNeed() {
        var without = SchoolContactsHandle.send("GET", handle.baseUrl() + "/__admin/health", null);
        assertThat(without.status()).isEqualTo(200);
        assertThat(without.body().get("status").asText()).isEqualTo("ok");
        assertThat(SchoolContactsHandle.send("POST", handle.baseUrl() + "/__admin/reset", "{}").status()).isEqualTo(401);
    }

    @Test
    void theHandleSendsTheAdminTokenItself() {
        assertThat(handle.admin("GET", "/__admin/health", null).get("status").asText()).isEqualTo("ok");
    }
}
