package org.schoolcontacts.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** With an admin token the admin endpoints refuse strangers, and the handle still drives them. */
@SchoolContactsServer(adminToken = "admin-token-for-tests")
class AdminTokenTest {

    @Test
    void theHandleSendsTheAdminTokenWhereOthersAreRefused(SchoolContactsHandle h) {
        assertThat(SchoolContactsHandle.send("POST", h.baseUrl() + "/__admin/clock", "{\"advance_seconds\":5}", null).status())
                .isEqualTo(401);
        h.advanceClock(5);
        assertThat(h.admin("GET", "/__admin/clock", null).path("offset_seconds").asLong()).isEqualTo(5);
        h.reset();
        assertThat(h.admin("GET", "/__admin/clock", null).path("offset_seconds").asLong()).isZero();
    }
}
