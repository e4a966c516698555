package org.schoolcontacts.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.providers.ProviderFlow.EDITOR;
import static org.schoolcontacts.providers.ProviderFlow.READER;
import static org.schoolcontacts.providers.ProviderFlow.SCHOOL;
import static org.schoolcontacts.providers.ProviderFlow.SCHOOL2;
import static org.schoolcontacts.providers.ProviderFlow.SECOND_EDITOR;
import static org.schoolcontacts.providers.ProviderFlow.errcode;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * WeCom's install page and OAuth page as the server emulates them (spec 2.5, 3.9), over plain HTTP:
 * the links' rules and WeCom's codes on an HTML 400, the headless shortcuts and the 302 back to the app.
 */
@SchoolContactsServer(seed = ProviderFlow.SEED)
class ProviderPagesHttpTest {
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static final String BACK = "http://app.example.com/installed";

    SchoolContactsHandle handle;
    ProviderFlow flow;

    @BeforeEach
    void fresh() {
        handle.reset();
        flow = new ProviderFlow(handle);
    }

    record Page(int status, String location, String html, String csp) {}

    Page get(String pathAndQuery) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(handle.baseUrl() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Page(r.statusCode(), r.headers().firstValue("Location").orElse(null), r.body(),
                r.headers().firstValue("Content-Security-Policy").orElse(""));
    }

    Page post(String path, String form) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(handle.baseUrl() + path))
                        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Page(r.statusCode(), r.headers().firstValue("Location").orElse(null), r.body(), "");
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    private String preAuthCode(String suite) {
        return flow.get("/cgi-bin/service/get_pre_auth_code?suite_access_token=" + flow.suiteToken(suite)).get("pre_auth_code").asText();
    }

    private String installLink(String suite, String pre, String extra) {
        return "/3rdapp/install?suite_id=" + suite + "&pre_auth_code=" + pre + "&redirect_uri=" + enc(BACK) + extra;
    }

    // ---- 授权安装 --------------------------------------------------------------------------------

    @Test
    void theInstallPageListsEverySchoolWithAFormAndNoSecret() throws Exception {
        Page p = get(installLink(READER, preAuthCode(READER), "&state=abc1"));
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.html()).contains("授权安装「Reader」").contains(SCHOOL).contains(SCHOOL2).contains("已安装")
                .contains("action=\"/3rdapp/install/confirm\"").contains("name=\"state\" value=\"abc1\"");
        assertThat(p.html()).doesNotContain("suite-secret").doesNotContain("pc-demo-").doesNotContain("school-edit-secret")
                .doesNotContain("SuiteToken").doesNotContain("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        // the form may end at the app: Chromium checks CSP form-action on the redirect too
        assertThat(p.csp()).contains("form-action 'self' http://app.example.com;");
    }

    @Test
    void confirmingInstallsAndRedirectsWithAuthCodeExpiresInAndState() throws Exception {
        String pre = preAuthCode(EDITOR);
        Page p = post("/3rdapp/install/confirm", "suite_id=" + EDITOR + "&pre_auth_code=" + pre + "&redirect_uri=" + enc(BACK + "?from=x")
                + "&state=st1&corpid=" + SCHOOL);
        assertThat(p.status()).isEqualTo(302);
        assertThat(p.location()).matches("http://app\\.example\\.com/installed\\?from=x&auth_code=[A-Za-z0-9_-]{64}&expires_in=600&state=st1");
        String authCode = p.location().replaceAll(".*auth_code=([^&]+).*", "$1");
        JsonNode pc = flow.post("/cgi-bin/service/get_permanent_code?suite_access_token=" + flow.suiteToken(EDITOR),
                "{\"auth_code\":\"" + authCode + "\"}");
        assertThat(errcode(pc)).isZero();
        assertThat(pc.get("state").asText()).isEqualTo("st1");
        // the pre-auth code was consumed by its install
        assertThat(get(installLink(EDITOR, pre, "")).html()).contains("errcode 40077");
    }

    @Test
    void theHeadlessShortcutInstallsAtOnceAndOmitsAnAbsentState() throws Exception {
        Page p = get(installLink(EDITOR, preAuthCode(EDITOR), "&corpid=" + SCHOOL));
        assertThat(p.status()).isEqualTo(302);
        assertThat(p.location()).matches("http://app\\.example\\.com/installed\\?auth_code=[A-Za-z0-9_-]{64}&expires_in=600");
    }

    @Test
    void badInstallLinksGetWeComsCodeOnAnHtml400() throws Exception {
        String pre = preAuthCode(EDITOR);
        assertRefused(get("/3rdapp/install?suite_id=wwnosuch&pre_auth_code=" + pre + "&redirect_uri=" + enc(BACK)), "40083");
        assertRefused(get(installLink(EDITOR, "nosuchcode", "")), "40077");
        // a code of another suite is unknown to this one
        assertRefused(get(installLink(READER, pre, "")), "40077");
        assertRefused(get("/3rdapp/install?suite_id=" + EDITOR + "&pre_auth_code=" + pre), "40058");
        assertRefused(get("/3rdapp/install?suite_id=" + EDITOR + "&pre_auth_code=" + pre + "&redirect_uri=javascript:alert(1)"), "40058");
        assertRefused(get(installLink(EDITOR, pre, "&state=" + "a".repeat(129))), "40058");
        assertRefused(get(installLink(EDITOR, pre, "&state=no%20spaces")), "40058");
        assertRefused(get(installLink(EDITOR, pre, "&corpid=wwnosuchcorp")), "40013");
        handle.advanceClock(1200);
        assertRefused(get(installLink(EDITOR, pre, "")), "42007");
    }

    @Test
    void aSecondEditingThirdPartyAppIsRefusedOnThePage() throws Exception {
        assertThat(get(installLink(EDITOR, preAuthCode(EDITOR), "&corpid=" + SCHOOL)).status()).isEqualTo(302);
        Page p = get(installLink(SECOND_EDITOR, preAuthCode(SECOND_EDITOR), "&corpid=" + SCHOOL));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.html()).contains("one per school");
    }

    private static void assertRefused(Page p, String code) {
        assertThat(p.status()).as(p.html()).isEqualTo(400);
        assertThat(p.html()).contains("errcode " + code);
    }

    // ---- OAuth -------------------------------------------------------------------------------------

    private String authorizeLink(String appid, String redirect, String extra) {
        return "/connect/oauth2/authorize?appid=" + appid + "&redirect_uri=" + enc(redirect) + "&response_type=code&scope=snsapi_base" + extra;
    }

    @Test
    void theAuthorizePageListsStudentsParentsAndAnOutsiderAsLinks() throws Exception {
        Page p = get(authorizeLink(SCHOOL, "http://app.example.com/login", "&state=s1"));
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.html()).contains("Han Meimei").contains("userid=s0001").contains("userid=p0001").contains("userid=%40outsider")
                .doesNotContain("13900000001").doesNotContain("secret");
    }

    @Test
    void choosingAUserRedirectsWithASingleUseCodeAndTheState() throws Exception {
        Page p = get(authorizeLink(SCHOOL, "http://app.example.com/login", "&agentid=1000001&state=s1&userid=p0001"));
        assertThat(p.status()).isEqualTo(302);
        assertThat(p.location()).matches("http://app\\.example\\.com/login\\?code=[A-Za-z0-9_-]{64}&state=s1");
        String code = p.location().replaceAll(".*code=([^&]+).*", "$1");
        String token = handle.token("school-edit-secret");
        JsonNode r = flow.school("GET", "/cgi-bin/school/getuserinfo?code=" + code, token, null);
        assertThat(r.get("parent_userid").asText()).isEqualTo("p0001");
        assertThat(errcode(flow.school("GET", "/cgi-bin/school/getuserinfo?code=" + code, token, null))).isEqualTo(40029);
        // WeCom names the state even when the link had none
        assertThat(get(authorizeLink(SCHOOL, "http://app.example.com/login", "&userid=s0001")).location()).endsWith("&state=");
    }

    @Test
    void aSuitesLinkOffersItsSchoolsUsersAndItsCodeIsRedeemedWithTheSuiteToken() throws Exception {
        Page page = get(authorizeLink(READER, "http://app.example.com/login", ""));
        assertThat(page.html()).contains("corpid=" + SCHOOL).doesNotContain("corpid=" + SCHOOL2);
        Page p = get(authorizeLink(READER, "http://app.example.com/login", "&userid=s0001&corpid=" + SCHOOL));
        String code = p.location().replaceAll(".*code=([^&]+).*", "$1");
        JsonNode r = flow.get("/cgi-bin/service/school/getuserinfo3rd?suite_access_token=" + flow.suiteToken(READER) + "&code=" + code);
        assertThat(r.get("students").get(0).get("student_userid").asText()).isEqualTo("s0001");
    }

    @Test
    void badAuthorizeLinksGetAnHtml400() throws Exception {
        String ok = "http://app.example.com/login";
        assertRefused(get(authorizeLink("wwnosuchcorp", ok, "")), "40013");
        assertRefused(get(authorizeLink(SCHOOL, ok, "&agentid=999")), "40056");
        assertRefused(get(authorizeLink(SCHOOL, ok, "").replace("response_type=code", "response_type=token")), "40058");
        assertRefused(get(authorizeLink(SCHOOL, ok, "").replace("snsapi_base", "snsapi_login")), "40058");
        assertRefused(get(authorizeLink(SCHOOL, ok, "").replace("snsapi_base", "snsapi_privateinfo")), "41011");
        assertRefused(get("/connect/oauth2/authorize?appid=" + SCHOOL + "&response_type=code&scope=snsapi_base"), "40058");
        assertRefused(get(authorizeLink(SCHOOL, ok, "&state=" + "x".repeat(129))), "40058");
        assertRefused(get(authorizeLink(READER, ok, "&userid=s0001")), "41002");
        Page untrusted = get(authorizeLink(SCHOOL, "http://evil.example.net/steal", "&agentid=1000002"));
        assertThat(untrusted.status()).isEqualTo(400);
        assertThat(untrusted.html()).contains("redirect_uri参数错误");
        assertThat(get(authorizeLink(SCHOOL, "http://app.example.com/ok", "&agentid=1000002&userid=s0001")).status()).isEqualTo(302);
    }

    @Test
    void aCodeForAnUntrustedRedirectHostIs50001AtTheTrustingAppsExchange() {
        String web = handle.token("school-web-secret");
        String code = handle.admin("POST", "/__admin/oauth/codes", "{\"appid\":\"" + SCHOOL + "\",\"userid\":\"s0001\","
                + "\"redirect_uri\":\"http://evil.example.net/x\"}").get("code").asText();
        assertThat(errcode(flow.school("GET", "/cgi-bin/school/getuserinfo?code=" + code, web, null))).isEqualTo(50001);
        // an app without trusted domains checks nothing, and the code was not used up by the refusal
        assertThat(errcode(flow.school("GET", "/cgi-bin/school/getuserinfo?code=" + code, handle.token("school-edit-secret"), null))).isZero();
        String trusted = handle.admin("POST", "/__admin/oauth/codes", "{\"appid\":\"" + SCHOOL + "\",\"userid\":\"s0001\","
                + "\"redirect_uri\":\"http://APP.example.com/x\"}").get("code").asText();
        assertThat(errcode(flow.school("GET", "/cgi-bin/school/getuserinfo?code=" + trusted, web, null))).isZero();
    }
}
