package org.schoolcontacts.schoolservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** The rest of WxCpSchoolUserService over plain HTTP (events-and-apps spec 3.2-3.8). */
@SchoolContactsServer(seed = "seeds/providers.json")
class SchoolServiceHttpTest {
    static final String SCHOOL = "wwschool00000001";
    static final String READER_CODE = "pc-demo-00000000000000000000000000000000000000000000000000000001";

    SchoolContactsHandle handle;
    String edit;

    @BeforeEach
    void fresh() {
        handle.reset();
        edit = handle.token("school-edit-secret");
    }

    private JsonNode call(String method, String path, String token, String json) {
        String sep = path.contains("?") ? "&" : "?";
        return SchoolContactsHandle.send(method, handle.baseUrl() + path + sep + "access_token=" + token, json).body();
    }

    private static int errcode(JsonNode r) { return r.path("errcode").asInt(); }

    /** The corp token of the seeded read-only third-party install. */
    private String thirdPartyReader() {
        String ticket = handle.admin("POST", "/__admin/suites/wwsuite000000003/push-ticket", "{}").get("suite_ticket").asText();
        String st = SchoolContactsHandle.send("POST", handle.baseUrl() + "/cgi-bin/service/get_suite_token",
                "{\"suite_id\":\"wwsuite000000003\",\"suite_secret\":\"suite-secret-0003\",\"suite_ticket\":\"" + ticket + "\"}")
                .body().get("suite_access_token").asText();
        return SchoolContactsHandle.send("POST", handle.baseUrl() + "/cgi-bin/service/get_corp_token?suite_access_token=" + st,
                "{\"auth_corpid\":\"" + SCHOOL + "\",\"permanent_code\":\"" + READER_CODE + "\"}").body().get("access_token").asText();
    }

    private void subscribe(String parent, String external) {
        handle.admin("POST", "/__admin/parents/subscription", "{\"corpid\":\"" + SCHOOL + "\",\"parent_userid\":\"" + parent
                + "\",\"is_subscribe\":1,\"external_userid\":\"" + external + "\"}");
    }

    @Test
    void archSyncModeOnlyTightens() {
        assertThat(errcode(call("POST", "/cgi-bin/school/set_arch_sync_mode", edit, "{\"arch_sync_mode\":1}"))).isZero();
        JsonNode reenable = call("POST", "/cgi-bin/school/set_arch_sync_mode", edit, "{\"arch_sync_mode\":2}");
        assertThat(errcode(reenable)).isEqualTo(65005);
        assertThat(reenable.get("errmsg").asText()).startsWith("invalid arch_sync_mode: sync can not be re-enabled");
        assertThat(errcode(call("POST", "/cgi-bin/school/set_arch_sync_mode", edit, "{\"arch_sync_mode\":3}"))).isZero();
        assertThat(errcode(call("POST", "/cgi-bin/school/set_arch_sync_mode", edit, "{\"arch_sync_mode\":1}"))).isEqualTo(65005);
        assertThat(errcode(call("POST", "/cgi-bin/school/set_arch_sync_mode", edit, "{\"arch_sync_mode\":3}"))).isZero();
    }

    @Test
    void archSyncModeOutsideOneToThreeIs65005AndNeedsEdit() {
        for (String body : new String[] {"{}", "{\"arch_sync_mode\":0}", "{\"arch_sync_mode\":4}", "{\"arch_sync_mode\":\"x\"}"}) {
            assertThat(errcode(call("POST", "/cgi-bin/school/set_arch_sync_mode", edit, body))).as(body).isEqualTo(65005);
        }
        assertThat(errcode(call("POST", "/cgi-bin/school/set_arch_sync_mode", thirdPartyReader(), "{\"arch_sync_mode\":1}")))
                .isEqualTo(48002);
    }

    @Test
    void theSubscribeQrCodeHasThreeSizes() {
        JsonNode r = call("GET", "/cgi-bin/externalcontact/get_subscribe_qr_code", thirdPartyReader(), null);
        assertThat(errcode(r)).isZero();
        assertThat(r.get("qrcode_big").asText()).endsWith("/" + SCHOOL + "/1200");
        assertThat(r.get("qrcode_middle").asText()).endsWith("/430");
        assertThat(r.get("qrcode_thumb").asText()).endsWith("/258");
    }

    @Test
    void anUnverifiedSchoolHasNoSubscribeQrCode() {
        JsonNode r = SchoolContactsHandle.send("GET", handle.baseUrl() + "/cgi-bin/externalcontact/get_subscribe_qr_code?access_token="
                + handle.token("school2-tp-edit"), null).body();
        assertThat(errcode(r)).isEqualTo(43009);
    }

    @Test
    void theSubscribeModeIsOneUntilSetAndOnlyOneOrTwo() {
        assertThat(call("GET", "/cgi-bin/externalcontact/get_subscribe_mode", edit, null).get("subscribe_mode").asInt()).isEqualTo(1);
        assertThat(errcode(call("POST", "/cgi-bin/externalcontact/set_subscribe_mode", edit, "{\"subscribe_mode\":2}"))).isZero();
        assertThat(call("GET", "/cgi-bin/externalcontact/get_subscribe_mode", edit, null).get("subscribe_mode").asInt()).isEqualTo(2);
        assertThat(errcode(call("POST", "/cgi-bin/externalcontact/set_subscribe_mode", edit, "{\"subscribe_mode\":3}"))).isEqualTo(65001);
        assertThat(errcode(call("POST", "/cgi-bin/externalcontact/set_subscribe_mode", edit, "{}"))).isEqualTo(65001);
        // the doc asks edit even to read it
        assertThat(errcode(call("GET", "/cgi-bin/externalcontact/get_subscribe_mode", thirdPartyReader(), null))).isEqualTo(48002);
        handle.reset();
        assertThat(call("GET", "/cgi-bin/externalcontact/get_subscribe_mode", handle.token("school-edit-secret"), null)
                .get("subscribe_mode").asInt()).isEqualTo(1);
    }

    @Test
    void aSubscribedParentIsAnExternalContact() {
        subscribe("p0001", "wmParent0001");
        JsonNode r = call("GET", "/cgi-bin/externalcontact/get?external_userid=wmParent0001", edit, null);
        assertThat(errcode(r)).isZero();
        JsonNode c = r.get("external_contact");
        assertThat(c.get("external_userid").asText()).isEqualTo("wmParent0001");
        assertThat(c.get("name").asText()).isEqualTo("p0001");
        assertThat(c.get("type").asInt()).isEqualTo(1);
        assertThat(c.get("is_subscribe").asInt()).isEqualTo(1);
        assertThat(c.get("avatar").asText()).startsWith("http://");
        assertThat(c.at("/subscriber_info/remark").asText()).isEqualTo("Han Meimei-father");
        assertThat(c.at("/subscriber_info/remark_mobiles/0").asText()).isEqualTo("13900000001");
        assertThat(r.get("follow_user")).isEmpty();
    }

    @Test
    void aThirdPartyAppSeesNeitherAvatarNorMobiles() {
        subscribe("p0001", "wmParent0001");
        JsonNode c = call("GET", "/cgi-bin/externalcontact/get?external_userid=wmParent0001", thirdPartyReader(), null).get("external_contact");
        assertThat(c.has("avatar")).isFalse();
        assertThat(c.get("subscriber_info").has("remark_mobiles")).isFalse();
    }

    @Test
    void unknownExternalUseridsAre84061AndAMissingOne40058() {
        assertThat(errcode(call("GET", "/cgi-bin/externalcontact/get?external_userid=wmNobody", edit, null))).isEqualTo(84061);
        assertThat(errcode(call("GET", "/cgi-bin/externalcontact/get", edit, null))).isEqualTo(40058);
    }

    @Test
    void theDefaultAllowScopeIsTheWholeSchoolInTheDocShape() {
        JsonNode r = call("GET", "/cgi-bin/school/agent/get_allow_scope?agentid=1000001", edit, null);
        assertThat(errcode(r)).isZero();
        assertThat(r.get("allow_scope").toString()).isEqualTo("{\"departments\":{\"partyid\":[1]}}");
    }

    @Test
    void allowScopeRefusalsFollowTheSpecCodes() {
        assertThat(errcode(call("GET", "/cgi-bin/school/agent/get_allow_scope", edit, null))).isEqualTo(41011);
        assertThat(errcode(call("GET", "/cgi-bin/school/agent/get_allow_scope?agentid=999", edit, null))).isEqualTo(40056);
        assertThat(errcode(call("GET", "/cgi-bin/school/agent/get_allow_scope?agentid=1000010", edit, null))).isEqualTo(301002);
        assertThat(errcode(call("GET", "/cgi-bin/school/agent/get_allow_scope?agentid=1000010", thirdPartyReader(), null))).isZero();
    }

    @Test
    void anAllowScopeWithStudentsListsThem() {
        handle.admin("PUT", "/__admin/corps/" + SCHOOL + "/apps/1000001/allow-scope", "{\"departments\":[12],\"students\":[\"s0001\"]}");
        JsonNode r = call("GET", "/cgi-bin/school/agent/get_allow_scope?agentid=1000001", edit, null);
        assertThat(r.get("allow_scope").toString()).isEqualTo("{\"departments\":{\"partyid\":[12]},\"students\":{\"userid\":[\"s0001\"]}}");
    }

    @Test
    void convertToOpenidDerivesAStableOpenid() {
        subscribe("p0001", "wmParent0001");
        JsonNode r = call("POST", "/cgi-bin/externalcontact/convert_to_openid", edit, "{\"external_userid\":\"wmParent0001\"}");
        assertThat(errcode(r)).isZero();
        assertThat(r.get("openid").asText()).startsWith("o").hasSize(28);
        // the query parameter when the body is empty; the same value every time
        JsonNode again = call("GET", "/cgi-bin/externalcontact/convert_to_openid?external_userid=wmParent0001", edit, null);
        assertThat(again.get("openid").asText()).isEqualTo(r.get("openid").asText());
        assertThat(errcode(call("POST", "/cgi-bin/externalcontact/convert_to_openid", edit, "{\"external_userid\":\"wmNobody\"}")))
                .isEqualTo(40096);
        assertThat(errcode(call("POST", "/cgi-bin/externalcontact/convert_to_openid", edit, "{\"external_userid\":\"woSomeone\"}")))
                .isEqualTo(40096);
        assertThat(errcode(call("POST", "/cgi-bin/externalcontact/convert_to_openid", edit, "{}"))).isEqualTo(40058);
    }

    @Test
    void setUpgradeInfoAnswersTheNextMidnightOfThatDayInShanghai() {
        JsonNode r = call("POST", "/cgi-bin/school/set_upgrade_info", edit, "{\"upgrade_time\":1594090969,\"upgrade_switch\":1}");
        assertThat(errcode(r)).isZero();
        long next = r.get("next_upgrade_time").asLong();
        ZonedDateTime at = Instant.ofEpochSecond(next).atZone(ZoneId.of("Asia/Shanghai"));
        assertThat(at.getMonthValue()).isEqualTo(7);
        assertThat(at.getDayOfMonth()).isEqualTo(7);
        assertThat(at.toLocalTime().toSecondOfDay()).isZero();
        long now = handle.admin("GET", "/__admin/clock", null).get("now").asLong() / 1000;
        assertThat(next).isGreaterThan(now).isLessThanOrEqualTo(now + 366 * 86400L);
        assertThat(errcode(call("POST", "/cgi-bin/school/set_upgrade_info", thirdPartyReader(), "{}"))).isEqualTo(48002);
    }

    @Test
    void batchToExternalUseridSplitsFoundAndMissingMobiles() {
        subscribe("p0001", "wmParent0001");
        JsonNode r = call("POST", "/cgi-bin/externalcontact/batch_to_external_userid", edit, "{\"mobiles\":[\"13900000001\",\"13999999999\"]}");
        assertThat(errcode(r)).isZero();
        assertThat(r.get("success_list").toString()).isEqualTo("[{\"mobile\":\"13900000001\",\"external_userid\":\"wmParent0001\"}]");
        assertThat(r.get("fail_list").toString()).isEqualTo("[{\"errcode\":60136,\"errmsg\":\"record not found\",\"mobile\":\"13999999999\"}]");
        assertThat(errcode(call("POST", "/cgi-bin/externalcontact/batch_to_external_userid", edit, "{\"mobiles\":[]}"))).isEqualTo(40058);
        StringBuilder many = new StringBuilder("{\"mobiles\":[");
        for (int i = 0; i < 101; i++) many.append(i == 0 ? "" : ",").append("\"1390000").append(String.format("%04d", i)).append('"');
        assertThat(errcode(call("POST", "/cgi-bin/externalcontact/batch_to_external_userid", edit, many + "]}"))).isEqualTo(40058);
    }

    @Test
    void anUnsubscribedParentsExternalUseridIsNotShown() {
        handle.admin("POST", "/__admin/parents/subscription", "{\"corpid\":\"" + SCHOOL + "\",\"parent_userid\":\"p0001\",\"is_subscribe\":0}");
        JsonNode r = call("POST", "/cgi-bin/externalcontact/batch_to_external_userid", edit, "{\"mobiles\":[\"13900000001\"]}");
        assertThat(r.get("success_list").toString()).isEqualTo("[{\"mobile\":\"13900000001\"}]");
    }
}
