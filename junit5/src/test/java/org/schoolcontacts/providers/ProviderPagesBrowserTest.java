package org.schoolcontacts.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.providers.ProviderFlow.EDITOR;
import static org.schoolcontacts.providers.ProviderFlow.SCHOOL;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.api.impl.WxCpServiceImpl;
import me.chanjar.weixin.cp.api.impl.WxCpServiceOnTpImpl;
import me.chanjar.weixin.cp.bean.WxCpOauth2UserInfo;
import me.chanjar.weixin.cp.bean.WxCpTpCorp;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;
import me.chanjar.weixin.cp.config.impl.WxCpTpDefaultConfigImpl;
import me.chanjar.weixin.cp.tp.service.WxCpTpService;
import me.chanjar.weixin.cp.tp.service.impl.WxCpTpServiceApacheHttpClientImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.schoolcontacts.browser.Browser;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * The two emulated WeCom pages in headless Chromium, as a provider's app meets them: WxJava builds the
 * link (its fixed origin swapped for the emulator's, the one cooperation asked of app code), the browser
 * clicks through, lands on the app's own page with the code, and WxJava exchanges it. Screenshots land
 * in target/screenshots/.
 */
@SchoolContactsServer(seed = ProviderFlow.SEED)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderPagesBrowserTest {
    SchoolContactsHandle handle;
    private Browser browser;
    private WebDriver web;
    private HttpServer app;
    private final List<URI> landed = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        // the app's own site: any page answers 200 and remembers how it was reached
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/", ex -> {
            landed.add(ex.getRequestURI());
            byte[] b = "<!doctype html><title>app</title><h1>Back at the app</h1>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        app.start();
        browser = Browser.start();
        web = browser.driver();
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (app != null) app.stop(0);
    }

    @BeforeEach
    void fresh() {
        handle.reset();
        landed.clear();
    }

    private String appUrl(String path) { return "http://127.0.0.1:" + app.getAddress().getPort() + path; }

    private WxCpTpService suite() {
        WxCpTpDefaultConfigImpl cfg = new WxCpTpDefaultConfigImpl();
        cfg.setCorpId(ProviderFlow.PROVIDER);
        cfg.setSuiteId(EDITOR);
        cfg.setSuiteSecret("suite-secret-0001");
        cfg.setToken("SuiteToken01");
        cfg.setAesKey("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        cfg.setBaseApiUrl(handle.baseUrl());
        WxCpTpServiceApacheHttpClientImpl tp = new WxCpTpServiceApacheHttpClientImpl();
        tp.setWxCpTpConfigStorage(cfg);
        tp.setSuiteTicket(handle.admin("POST", "/__admin/suites/" + EDITOR + "/push-ticket", "{}").get("suite_ticket").asText());
        return tp;
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        String q = URI.create(url).getRawQuery();
        for (String pair : q.split("&")) {
            int i = pair.indexOf('=');
            out.put(pair.substring(0, i), java.net.URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private void awaitApp() {
        browser.waiting().until(d -> d.getCurrentUrl().startsWith(appUrl("/")));
    }

    @Test
    void anAdminInstallsTheSuiteOnTheInstallPageAndWxJavaTurnsTheAuthCodeIntoSchoolCalls() throws Exception {
        WxCpTpService tp = suite();
        String link = tp.getPreAuthUrl(appUrl("/installed"), "st42");
        assertThat(link).startsWith("https://open.work.weixin.qq.com/3rdapp/install?");
        web.get(link.replace("https://open.work.weixin.qq.com", handle.baseUrl()));
        assertThat(web.getTitle()).contains("授权安装");
        assertThat(web.getPageSource()).doesNotContain("suite-secret").doesNotContain("pc-demo-");
        browser.screenshot("install-page");
        WebElement confirm = web.findElement(By.cssSelector("button[value='" + SCHOOL + "']"));
        confirm.click();
        awaitApp();
        browser.screenshot("install-landed");

        Map<String, String> back = query(web.getCurrentUrl());
        assertThat(back).containsEntry("state", "st42").containsEntry("expires_in", "600").containsKey("auth_code");
        assertThat(landed).filteredOn(u -> u.getPath().equals("/installed")).hasSize(1);
        WxCpTpCorp corp = tp.getPermanentCode(back.get("auth_code"));
        assertThat(corp.getCorpId()).isEqualTo(SCHOOL);

        WxCpDefaultConfigImpl cfg = new WxCpDefaultConfigImpl();
        cfg.setCorpId(SCHOOL);
        cfg.setCorpSecret(corp.getPermanentCode());
        cfg.setAgentId(1000011);
        cfg.setBaseApiUrl(handle.baseUrl());
        WxCpServiceOnTpImpl school = new WxCpServiceOnTpImpl(tp);
        school.setWxCpConfigStorage(cfg);
        assertThat(school.getSchoolUserService().getUser("s0001").getStudent().getName()).isEqualTo("Han Meimei");
        // the installed school is marked on the page from now on
        web.get(tp.getPreAuthUrl(appUrl("/again"), "st43").replace("https://open.work.weixin.qq.com", handle.baseUrl()));
        assertThat(web.findElement(By.cssSelector(".install-corps li")).getText()).contains("已安装");
    }

    @Test
    void aParentSignsInOnTheAuthorizePageAndWxJavaReadsWhoItWas() throws Exception {
        WxCpDefaultConfigImpl cfg = new WxCpDefaultConfigImpl();
        cfg.setCorpId(SCHOOL);
        cfg.setCorpSecret("school-web-secret");
        cfg.setAgentId(1000002);
        cfg.setBaseApiUrl(handle.baseUrl());
        WxCpService wx = new WxCpServiceImpl();
        wx.setWxCpConfigStorage(cfg);
        // snsapi_privateinfo makes WxJava name the agentid, so the page checks the app's trusted domains
        String link = wx.getOauth2Service().buildAuthorizationUrl(appUrl("/login"), "s7", "snsapi_privateinfo");
        assertThat(link).startsWith("https://open.weixin.qq.com/connect/oauth2/authorize?").endsWith("#wechat_redirect");
        web.get(link.replace("https://open.weixin.qq.com", handle.baseUrl()));
        browser.screenshot("oauth-page");
        WebElement parent = web.findElement(By.partialLinkText("p0001"));
        parent.click();
        awaitApp();

        Map<String, String> back = query(web.getCurrentUrl());
        assertThat(back).containsEntry("state", "s7").containsKey("code");
        WxCpOauth2UserInfo who = wx.getOauth2Service().getSchoolUserInfo(back.get("code"));
        assertThat(who.getParentUserId()).isEqualTo("p0001");
        assertThat(who.getDeviceId()).matches("[0-9A-F]{32}");
    }
}
