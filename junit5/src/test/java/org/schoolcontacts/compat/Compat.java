package org.schoolcontacts.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.cp.bean.school.user.WxCpBatchResultList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.schoolcontacts.junit5.SchoolContactsHandle;

/**
 * What the compatibility tests share: the seed (compat-seed.json) and the ways a WxJava user sees an
 * answer — a bean, or a {@link WxErrorException} whose error carries WeCom's code and raw JSON.
 */
final class Compat {
    /** Seed of the compatibility suite: school wwcompat00000001 with grades 100/200, classes 101, 102, 201. */
    static final String SEED = "compat-seed.json";
    static final String CORP = "wwcompat00000001";
    static final String READ = "compat-read-secret";
    static final String NONE = "compat-none-secret";
    static final String AGENCY = "compat-agency-secret";
    static final String AGENCY_WITH_MOBILES = "compat-agency-mobile-secret";
    static final String THIRD_PARTY = "compat-third-party-secret";
    static final String PARENT_APP = "compat-parent-app-secret";
    static final String DISABLED = "compat-disabled-secret";
    static final String SYSTEM = "compat-system-secret";
    static final String OTHER_CORP = "compat-other-corp-secret";
    /** Seeded student (in class 101) and her father. */
    static final String STUDENT = "han.meimei@compat";
    static final String PARENT = "han.father";
    static final String PARENT_MOBILE = "13900001111";

    private Compat() {}

    /** The exception WxJava throws for this call; fails if it returns normally. */
    static WxErrorException failure(ThrowingCallable call) {
        WxErrorException e = catchThrowableOfType(WxErrorException.class, call);
        assertThat(e).as("WxJava should have thrown WxErrorException").isNotNull();
        return e;
    }

    /** The errcode WxJava reports for this call. */
    static int errcode(ThrowingCallable call) {
        return failure(call).getError().getErrorCode();
    }

    /**
     * A batch that partly failed reaches a WxJava user as an exception (WxJava throws on any non-zero
     * top-level errcode); the per-item results are still in the error's raw JSON.
     */
    static List<WxCpBatchResultList.ResultList> resultList(WxErrorException e) {
        List<WxCpBatchResultList.ResultList> items = WxCpBatchResultList.fromJson(e.getError().getJson()).getResultList();
        return items == null ? List.of() : items;
    }

    /** The newest journal entries for a path (query included in each entry's {@code path}). */
    static List<JsonNode> requests(SchoolContactsHandle h, String path) {
        JsonNode found = h.admin("GET", "/__admin/requests?limit=1000&path=" + path, null).path("requests");
        List<JsonNode> out = new ArrayList<>();
        found.forEach(out::add);
        return out;
    }

    /** The query string WxJava sent on the newest call to this path. */
    static String lastQuery(SchoolContactsHandle h, String path) {
        List<JsonNode> r = requests(h, path);
        assertThat(r).as("calls to " + path).isNotEmpty();
        String p = r.get(0).path("path").asText();
        return p.contains("?") ? p.substring(p.indexOf('?') + 1) : "";
    }
}
