package org.schoolcontacts.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handle's typed test-time controls: faults, the request journal and the clock, without raw JSON. */
@SchoolContactsServer
class TypedControlsTest {
    private static final String GET = "/cgi-bin/school/user/get";

    SchoolContactsHandle handle;

    @BeforeEach
    void fresh() {
        handle.reset();
    }

    @Test
    void aFaultAddedWithTheBuilderAnswersItsErrcodeThenStops() {
        String id = handle.faults().add(Fault.on(GET).errcode(60111).times(1));
        assertThat(handle.reader().get(GET + "?userid=s0001").path("errcode").asInt()).isEqualTo(60111);
        assertThat(handle.reader().get(GET + "?userid=s0001").path("errcode").asInt()).isZero();
        FaultRules.Rule rule = handle.faults().get(id).orElseThrow();
        assertThat(rule.fired()).isEqualTo(1);
        assertThat(rule.errcode()).isEqualTo(60111);
        assertThat(handle.faults().list()).extracting(FaultRules.Rule::id).containsExactly(id);
        assertThat(handle.faults().remove(id)).isTrue();
        assertThat(handle.faults().get(id)).isEmpty();
    }

    @Test
    void aBadFaultFailsWithTheServersReasonNamingTheField() {
        assertThatThrownBy(() -> handle.faults().add(Fault.on(GET).times(1)))
                .hasMessageContaining("400").hasMessageContaining("errcode");
        assertThat(handle.faults().list()).isEmpty();
    }

    @Test
    void recordedRequestsAreFoundByPathAndErrcode() {
        handle.reader().get(GET + "?userid=nobody");
        handle.reader().get(GET + "?userid=s0001");
        List<RecordedRequests.Entry> failed = handle.requests().matching(RecordedRequests.path(GET).errcode(60111));
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).path()).contains("userid=nobody").contains("access_token=***");
        assertThat(failed.get(0).corpId()).isEqualTo(handle.corpId());
        assertThat(handle.requests().count(RecordedRequests.path("/cgi-bin/school/*"))).isEqualTo(2);
        assertThat(handle.requests().count(RecordedRequests.path("/cgi-bin/gettoken"))).isEqualTo(1);
        handle.requests().clear();
        assertThat(handle.requests().all()).isEmpty();
    }

    @Test
    void theClockMovesForwardAndBack() {
        String token = handle.token(handle.editSecret());
        handle.clock().advance(Duration.ofHours(2));
        assertThat(handle.clock().offset()).isGreaterThanOrEqualTo(Duration.ofHours(2));
        String url = handle.baseUrl() + GET + "?userid=s0001&access_token=" + token;
        assertThat(SchoolContactsHandle.send("GET", url, null).body().path("errcode").asInt()).isEqualTo(42001);
        handle.clock().reset();
        assertThat(handle.clock().offset()).isZero();
        assertThat(SchoolContactsHandle.send("GET", url, null).body().path("errcode").asInt()).isZero();
        assertThatThrownBy(() -> handle.clock().advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
