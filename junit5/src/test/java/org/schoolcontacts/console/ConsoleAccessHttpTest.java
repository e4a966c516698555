package org.schoolcontacts.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** The console's access rule is /__admin's: with an admin token, the Bearer header or a login cookie. */
@SchoolContactsServer(adminToken = "console-admin-token")
class ConsoleAccessHttpTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    SchoolContactsHandle school;

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(school.baseUrl() + path)).GET();
        if (headers.length > 0) b.headers(headers);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String path, String form, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(school.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (headers.length > 0) b.headers(headers);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutTheTokenTheConsoleRefusesAndOffersTheLoginPage() throws Exception {
        HttpResponse<String> page = get("/__console");
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.body()).contains("/__console/login").doesNotContain("Demo Primary School");
        assertThat(get("/__console/requests").statusCode()).isEqualTo(401);
    }

    @Test
    void theBearerHeaderOpensTheConsoleLikeAdmin() throws Exception {
        HttpResponse<String> page = get("/__console", "Authorization", "Bearer console-admin-token");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Demo Primary School");
    }

    @Test
    void aLoginWithTheTokenSetsACookieThatOpensTheConsoleAndDoesNotCarryTheToken() throws Exception {
        HttpResponse<String> wrong = postForm("/__console/login", "token=nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

        HttpResponse<String> right = postForm("/__console/login", "token=console-admin-token");
        assertThat(right.statusCode()).isEqualTo(303);
        String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain("console-admin-token");
        HttpResponse<String> page = get("/__console", "Cookie", cookie.substring(0, cookie.indexOf(';')));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Demo Primary School");
    }

    @Test
    void aFormPostedFromAnotherSiteIsRefusedAndAddsNoFault() throws Exception {
        HttpResponse<String> r = postForm("/__console/faults", "path=/cgi-bin/school/user/get&errcode=-1",
                "Authorization", "Bearer console-admin-token", "Origin", "http://evil.example");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(school.admin("GET", "/__admin/faults", null).path("faults").size()).isZero();
    }

    @Test
    void theHomePageIsOpenAndLinksTheConsoleTheDocsAndTheHealthCheck() throws Exception {
        HttpResponse<String> home = get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(home.body()).contains("href=\"/__console\"").contains("href=\"/docs\"").contains("href=\"/__admin/health\"");
        assertThat(get("/docs").body()).contains("README.md");
        assertThat(get("/docs/README.md").body()).contains("school-contacts");
        assertThat(get("/docs/..%2Fdemo-seed.json").statusCode()).isEqualTo(404);
    }

    @Test
    void noConsolePageShowsASecretOrAToken() throws Exception {
        String token = school.token(school.editSecret());
        school.editor().get("/cgi-bin/school/user/get?userid=s0001");
        String auth = "Bearer console-admin-token";
        for (String path : new String[] {"/__console", "/__console/schools/wwschool00000001", "/__console/requests",
                "/__console/schools/wwschool00000001/classes/11", "/__console/schools/wwschool00000001/users/s0001", "/__console/faults"}) {
            String body = get(path, "Authorization", auth).body();
            assertThat(body).as(path).doesNotContain(token).doesNotContain(school.editSecret()).doesNotContain(school.readSecret())
                    .doesNotContain("console-admin-token");
        }
        assertThat(get("/__console/requests", "Authorization", auth).body()).contains("access_token=***");
    }
}
