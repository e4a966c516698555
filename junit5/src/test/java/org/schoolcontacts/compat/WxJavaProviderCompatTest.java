package org.schoolcontacts.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.compat.Compat.errcode;

import java.time.Duration;
import java.util.List;
import me.chanjar.weixin.common.bean.WxAccessToken;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.api.impl.WxCpServiceImpl;
import me.chanjar.weixin.cp.api.impl.WxCpServiceOnTpImpl;
import me.chanjar.weixin.cp.bean.WxCpTpAuthInfo;
import me.chanjar.weixin.cp.bean.WxCpTpCorp;
import me.chanjar.weixin.cp.bean.WxCpTpPermanentCodeInfo;
import me.chanjar.weixin.cp.bean.message.WxCpTpXmlMessage;
import me.chanjar.weixin.cp.bean.school.user.WxCpUserResult;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;
import me.chanjar.weixin.cp.config.impl.WxCpTpDefaultConfigImpl;
import me.chanjar.weixin.cp.tp.service.WxCpTpService;
import me.chanjar.weixin.cp.tp.service.impl.WxCpTpServiceApacheHttpClientImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * The provider chain as WxJava 4.7.3.B drives it, unmodified, with only its base URL changed
 * (spec events-and-apps 2, 7.4-7.6): suite ticket → suite token → install → permanent code → corp
 * token → school calls, and the agency template's permanent code as a gettoken secret.
 */
@SchoolContactsServer(seed = "seeds/providers.json")
class WxJavaProviderCompatTest {
    static final String PROVIDER = "wwprovider000001";
    static final String SUITE = "wwsuite000000001";
    static final String AGENCY = "dktemplate000001";
    static final String SCHOOL = "wwschool00000001";

    SchoolContactsHandle handle;

    @BeforeEach
    void fresh() {
        handle.reset();
    }

    /**
     * WxJava 4.7.3.B's default config has a provider secret but no setter for it; a one-method subclass
     * supplies it (the only cooperation besides the base URL).
     */
    static final class TpConfig extends WxCpTpDefaultConfigImpl {
        private final String providerSecret;

        TpConfig(String providerSecret) { this.providerSecret = providerSecret; }

        @Override
        public String getProviderSecret() { return providerSecret; }
    }

    private WxCpTpService tp(String suiteId, String suiteSecret, String token, String aesKey) {
        TpConfig cfg = new TpConfig("provider-secret-0001");
        cfg.setCorpId(PROVIDER);
        cfg.setSuiteId(suiteId);
        cfg.setSuiteSecret(suiteSecret);
        cfg.setToken(token);
        cfg.setAesKey(aesKey);
        cfg.setBaseApiUrl(handle.baseUrl());
        WxCpTpServiceApacheHttpClientImpl tp = new WxCpTpServiceApacheHttpClientImpl();
        tp.setWxCpTpConfigStorage(cfg);
        return tp;
    }

    private WxCpTpService suite() {
        return tp(SUITE, "suite-secret-0001", "SuiteToken01", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
    }

    /** What the app's suite-callback handler does with a suite_ticket notice. */
    private void receiveTicket(WxCpTpService tp, String suiteId) {
        tp.setSuiteTicket(handle.admin("POST", "/__admin/suites/" + suiteId + "/push-ticket", "{}").get("suite_ticket").asText());
    }

    private String install(String suiteId) {
        return handle.admin("POST", "/__admin/suites/" + suiteId + "/install", "{\"corpid\":\"" + SCHOOL + "\",\"state\":\"wx1\"}")
                .get("auth_code").asText();
    }

    private WxCpService onTp(WxCpTpService tp, String permanentCode, long agentid) {
        WxCpDefaultConfigImpl cfg = new WxCpDefaultConfigImpl();
        cfg.setCorpId(SCHOOL);
        cfg.setCorpSecret(permanentCode);
        cfg.setAgentId((int) agentid);
        cfg.setBaseApiUrl(handle.baseUrl());
        WxCpServiceOnTpImpl service = new WxCpServiceOnTpImpl(tp);
        service.setWxCpConfigStorage(cfg);
        return service;
    }

    @Test
    void theWholeThirdPartyChainRunsThroughWxJava() throws Exception {
        WxCpTpService tp = suite();
        receiveTicket(tp, SUITE);
        String suiteToken = tp.getSuiteAccessToken();
        assertThat(suiteToken).matches("[A-Za-z0-9_-]{64,}");

        WxCpTpCorp corp = tp.getPermanentCode(install(SUITE));
        assertThat(corp.getCorpId()).isEqualTo(SCHOOL);
        assertThat(corp.getCorpName()).isEqualTo("Demo Primary School");
        assertThat(corp.getPermanentCode()).matches("[A-Za-z0-9_-]{64}");

        WxCpTpPermanentCodeInfo info = tp.getPermanentCodeInfo(install(SUITE));
        assertThat(info.getPermanentCode()).isEqualTo(corp.getPermanentCode());
        assertThat(info.getAuthCorpInfo().getCorpId()).isEqualTo(SCHOOL);
        assertThat(info.getAuthInfo().getAgents()).singleElement().satisfies(a -> assertThat(a.getAgentId()).isEqualTo(1000011));
        assertThat(info.getAuthUserInfo().getUserId()).isEqualTo("admin");
        assertThat(info.getState()).isEqualTo("wx1");

        WxCpTpAuthInfo auth = tp.getAuthInfo(SCHOOL, corp.getPermanentCode());
        assertThat(auth.getAuthCorpInfo().getCorpName()).isEqualTo("Demo Primary School");
        assertThat(auth.getAuthInfo().getAgents()).hasSize(1);

        WxAccessToken corpToken = tp.getCorpToken(SCHOOL, corp.getPermanentCode());
        // the token get_permanent_code handed out, reused
        assertThat(corpToken.getExpiresIn()).isBetween(7100, 7200);
        assertThat(tp.getWxCpProviderToken()).matches("[A-Za-z0-9_-]{64,}");

        WxCpService school = onTp(tp, corp.getPermanentCode(), 1000011);
        WxCpUserResult student = school.getSchoolUserService().getUser("s0001");
        assertThat(student.getStudent().getName()).isEqualTo("Han Meimei");
        assertThat(school.getSchoolUserService().createStudent("s0002", "New pupil", List.of(12)).getErrcode()).isZero();
        assertThat(school.getSchoolUserService().getUser("s0002").getStudent().getDepartment()).containsExactly(12);
    }

    @Test
    void theTicketAndTheAuthCodeArriveOnTheSuiteCallbackAsWxJavaParsesThem() throws Exception {
        WxCpTpService tp = suite();
        try (SuiteReceiver receiver = new SuiteReceiver(tp)) {
            // configuring the callback verifies the URL (the receiver decrypts echostr) and pushes a ticket
            handle.admin("PUT", "/__admin/suites/" + SUITE + "/callback", "{\"url\":\"" + receiver.url() + "\"}");
            WxCpTpXmlMessage ticket = receiver.next("suite_ticket", Duration.ofSeconds(10));
            assertThat(ticket.getSuiteId()).isEqualTo(SUITE);
            assertThat(tp.getSuiteAccessToken()).matches("[A-Za-z0-9_-]{64,}");

            handle.admin("POST", "/__admin/suites/" + SUITE + "/install", "{\"corpid\":\"" + SCHOOL + "\",\"state\":\"fromMarket\"}");
            WxCpTpXmlMessage created = receiver.next("create_auth", Duration.ofSeconds(10));
            assertThat(created.getState()).isEqualTo("fromMarket");
            WxCpTpCorp corp = tp.getPermanentCode(created.getAuthCode());
            assertThat(corp.getCorpId()).isEqualTo(SCHOOL);
            WxCpService school = onTp(tp, corp.getPermanentCode(), 1000011);
            assertThat(school.getSchoolUserService().getUser("s0001").getErrcode()).isZero();

            handle.admin("POST", "/__admin/suites/" + SUITE + "/change-auth", "{\"corpid\":\"" + SCHOOL + "\",\"school_permission\":\"read\"}");
            assertThat(receiver.next("change_auth", Duration.ofSeconds(10)).getAuthCorpId()).isEqualTo(SCHOOL);
            handle.admin("POST", "/__admin/suites/" + SUITE + "/cancel-auth", "{\"corpid\":\"" + SCHOOL + "\"}");
            assertThat(receiver.next("cancel_auth", Duration.ofSeconds(10)).getAuthCorpId()).isEqualTo(SCHOOL);
            assertThat(errcode(() -> school.getSchoolUserService().getUser("s0001"))).isEqualTo(48004);
        }
    }

    @Test
    void aTicketIsPushedAtEveryTenMinuteSlotOfTheServerClockAndAStaleOneIs40085() throws Exception {
        WxCpTpService tp = suite();
        try (SuiteReceiver receiver = new SuiteReceiver(tp)) {
            handle.admin("PUT", "/__admin/suites/" + SUITE + "/callback", "{\"url\":\"" + receiver.url() + "\"}");
            String first = receiver.next("suite_ticket", Duration.ofSeconds(10)).getSuiteTicket();
            handle.advanceClock(600);
            String second = receiver.next("suite_ticket", Duration.ofSeconds(10)).getSuiteTicket();
            assertThat(second).isNotEqualTo(first);
            // a jump over several slots pushes once
            handle.advanceClock(3 * 600);
            receiver.next("suite_ticket", Duration.ofSeconds(10));
            // the receiver missed nothing; a ticket 31 minutes old is refused, the next push restores the chain
            String push = "{\"suite_id\":\"" + SUITE + "\",\"suite_secret\":\"suite-secret-0001\",\"suite_ticket\":\"" + first + "\"}";
            assertThat(SchoolContactsHandle.send("POST", handle.baseUrl() + "/cgi-bin/service/get_suite_token", push).body()
                    .get("errcode").asInt()).isEqualTo(40085);
            assertThat(tp.getSuiteAccessToken()).isNotEmpty();
            // every push is a delivery of the events log, newest first; the receiver may have the last push before
            // the sender has recorded its answer, so wait for the ticket stream to settle first
            handle.events().drain("suite:" + SUITE, Duration.ofSeconds(30));
            var pushes = handle.admin("GET", "/__admin/events?receiver=suite:" + SUITE + "&change_type=suite_ticket", null).get("deliveries");
            assertThat(pushes.get(0).get("status").asText()).isEqualTo("delivered");
            assertThat(pushes.get(0).get("plaintext").asText()).matches("<xml><SuiteId><!\\[CDATA\\[" + SUITE
                    + "]]></SuiteId><InfoType><!\\[CDATA\\[suite_ticket]]></InfoType><TimeStamp>\\d+</TimeStamp>"
                    + "<SuiteTicket><!\\[CDATA\\[[A-Za-z0-9_-]{64}]]></SuiteTicket></xml>");
        }
    }

    @Test
    void aCallbackThatDoesNotAnswerTheVerificationIsRefused() {
        SchoolContactsHandle.Answer r = SchoolContactsHandle.send("PUT", handle.baseUrl() + "/__admin/suites/" + SUITE + "/callback",
                "{\"url\":\"http://127.0.0.1:9/nobody\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().get("error").asText()).isEqualTo("callback verification failed");
    }

    @Test
    void wxJavaRefreshesItsSuiteAndCorpTokensWhenTheClockMovesTwoHours() throws Exception {
        WxCpTpService tp = suite();
        receiveTicket(tp, SUITE);
        String pc = tp.getPermanentCode(install(SUITE)).getPermanentCode();
        WxCpService school = onTp(tp, pc, 1000011);
        String before = school.getAccessToken();
        String suiteBefore = tp.getSuiteAccessToken();
        handle.advanceClock(7200);
        // WxJava's own copies have not expired by its (real) clock: the server says 42001 / 42009 and it refreshes
        receiveTicket(tp, SUITE);
        assertThat(school.getSchoolUserService().getUser("s0001").getErrcode()).isZero();
        assertThat(school.getAccessToken()).isNotEqualTo(before);
        assertThat(tp.getAuthInfo(SCHOOL, pc).getAuthCorpInfo().getCorpId()).isEqualTo(SCHOOL);
        assertThat(tp.getSuiteAccessToken()).isNotEqualTo(suiteBefore);
    }

    @Test
    void afterTheSchoolCancelsWxJavaSees48004() throws Exception {
        WxCpTpService tp = suite();
        receiveTicket(tp, SUITE);
        String pc = tp.getPermanentCode(install(SUITE)).getPermanentCode();
        WxCpService school = onTp(tp, pc, 1000011);
        assertThat(school.getSchoolUserService().getUser("s0001").getErrcode()).isZero();
        handle.admin("POST", "/__admin/suites/" + SUITE + "/cancel-auth", "{\"corpid\":\"" + SCHOOL + "\"}");
        assertThat(errcode(() -> school.getSchoolUserService().getUser("s0001"))).isEqualTo(48004);
    }

    @Test
    void anAgencyPermanentCodeIsAPlainWxCpServiceSecret() throws Exception {
        WxCpTpService tp = tp(AGENCY, "tpl-secret-0001", "TplToken01", "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut");
        receiveTicket(tp, AGENCY);
        WxCpTpPermanentCodeInfo info = tp.getPermanentCodeInfo(install(AGENCY));
        assertThat(info.getAuthInfo().getAgents().get(0).getIsCustomizedApp()).isTrue();

        WxCpDefaultConfigImpl cfg = new WxCpDefaultConfigImpl();
        cfg.setCorpId(SCHOOL);
        cfg.setCorpSecret(info.getPermanentCode());
        cfg.setAgentId(info.getAuthInfo().getAgents().get(0).getAgentId());
        cfg.setBaseApiUrl(handle.baseUrl());
        WxCpServiceImpl agency = new WxCpServiceImpl();
        agency.setWxCpConfigStorage(cfg);
        WxCpUserResult parent = agency.getSchoolUserService().getUser("p0001");
        assertThat(parent.getParent().getMobile()).isEqualTo("13900000001");
        // read permission only
        assertThat(errcode(() -> agency.getSchoolUserService().createStudent("s0009", "X", List.of(12)))).isEqualTo(48002);
        // and the suite cannot hand out a corp token for it
        assertThat(errcode(() -> tp.getCorpToken(SCHOOL, info.getPermanentCode()))).isEqualTo(48002);
    }

    @Test
    void wxJavasTwoArgumentPreAuthUrlCarriesACodeTheEmulatorKnows() throws Exception {
        WxCpTpService tp = suite();
        receiveTicket(tp, SUITE);
        String url = tp.getPreAuthUrl("http://app.example/installed", "st1");
        assertThat(url).startsWith("https://open.work.weixin.qq.com/3rdapp/install?suite_id=" + SUITE + "&pre_auth_code=");
        String code = url.replaceAll(".*pre_auth_code=([^&]+).*", "$1");
        String session = "{\"pre_auth_code\":\"" + code + "\",\"session_info\":{\"appid\":[1],\"auth_type\":1}}";
        // WxJava's 3-argument getPreAuthUrl posts set_session_info to WeCom's own host; the workaround
        // posts it through the configured base URL
        String answer = tp.post(tp.getWxCpTpConfigStorage().getApiUrl("/cgi-bin/service/set_session_info"), session);
        assertThat(answer).contains("\"errcode\":0");
    }
}
