package org.schoolcontacts.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.RepeatedTest;

/** The default lifecycle: one server for the class, reachable from every place a test may ask for it. */
@SchoolContactsServer
class PerClassLifecycleTest {
    static SchoolContactsHandle staticHandle;
    static final AtomicReference<SchoolContactsHandle> seenInBeforeAll = new AtomicReference<>();
    static final AtomicReference<SchoolContactsHandle> seenByTests = new AtomicReference<>();

    SchoolContactsHandle handle;

    @BeforeAll
    static void beforeAll(SchoolContactsHandle h) {
        seenInBeforeAll.set(h);
    }

    @RepeatedTest(3)
    void everyTestOfTheClassGetsTheSameRunningServer(SchoolContactsHandle h) {
        seenByTests.compareAndSet(null, h);
        assertThat(h).isSameAs(seenByTests.get()).isSameAs(seenInBeforeAll.get());
        assertThat(SchoolContactsHandle.send("GET", h.baseUrl() + "/__admin/health", null).body().path("status").asText())
                .isEqualTo("ok");
    }

    @Test
    void fieldsAndParametersAndStaticFieldsHoldTheSameHandle(SchoolContactsHandle h) {
        assertThat(handle).isSameAs(h);
        assertThat(staticHandle).isSameAs(h);
    }

    @Test
    void theServerUsesAPortOfItsOwnAndTheDemoSchool(SchoolContactsHandle h) {
        assertThat(h.port()).isPositive();
        assertThat(h.baseUrl()).isEqualTo("http://127.0.0.1:" + h.port());
        assertThat(h.corpId()).isEqualTo("wwschool00000001");
        assertThat(h.editSecret()).isEqualTo("edit-secret-0001");
        assertThat(h.readSecret()).isEqualTo("read-secret-0001");
        assertThat(h.folder()).isDirectory();
        assertThat(h.folder().getFileName().toString()).startsWith(ServerStarter.FOLDER_PREFIX);
    }

    @Nested
    class NestedClassWithoutItsOwnAnnotation {
        SchoolContactsHandle nestedField;

        @Test
        void sharesTheEnclosingClassServer(SchoolContactsHandle h) {
            assertThat(h).isSameAs(seenInBeforeAll.get());
            assertThat(nestedField).isSameAs(h);
            assertThat(handle).isSameAs(h);
        }
    }

    @Nested
    @SchoolContactsServer
    class NestedClassWithItsOwnAnnotation {
        @Test
        void getsAServerOfItsOwn(SchoolContactsHandle h) {
            assertThat(h).isNotSameAs(seenInBeforeAll.get());
            assertThat(h.port()).isNotEqualTo(seenInBeforeAll.get().port());
        }
    }
}
