package org.schoolcontacts.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * How a WeCom request is read and its answer written, now that the WeCom paths are served in front of
 * Javalin (issue 15): query parameters, the method override, one trailing slash and gzip are read and
 * written as Javalin did, so a client sees no difference.
 */
@SchoolContactsServer
class WeComRequestReadingHttpTest {
    private static final String LIST = "/cgi-bin/school/department/list";
    private static final String CREATE = "/cgi-bin/school/department/create";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    SchoolContactsHandle handle;

    private HttpResponse<byte[]> get(String pathAndQuery, String acceptEncoding) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(handle.baseUrl() + pathAndQuery)).GET();
        if (acceptEncoding != null) b.header("Accept-Encoding", acceptEncoding);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        boolean gzipped = r.headers().firstValue("Content-Encoding").filter("gzip"::equals).isPresent();
        byte[] bytes = gzipped ? new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes() : r.body();
        return JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
    }

    private String token() { return handle.token(handle.editSecret()); }

    @Test
    void aRepeatedQueryParameterIsReadFromItsFirstValue() throws Exception {
        JsonNode first = json(get(LIST + "?access_token=" + token() + "&access_token=not-a-token", null));
        assertThat(first.get("errcode").asInt()).as(first.toString()).isZero();
        JsonNode second = json(get(LIST + "?access_token=not-a-token&access_token=" + token(), null));
        assertThat(second.get("errcode").asInt()).as(second.toString()).isEqualTo(40014);
    }

    /** A GET sent as raw bytes: java.net.URI refuses a malformed percent escape. */
    private JsonNode rawGet(String pathAndQuery) throws IOException {
        try (Socket s = new Socket("127.0.0.1", handle.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200");
            return JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        }
    }

    @Test
    void aValueThatDoesNotUrlDecodeIsDroppedAndTheNextOneCounts() throws Exception {
        JsonNode a = rawGet(LIST + "?access_token=%ZZ&access_token=" + token());
        assertThat(a.get("errcode").asInt()).as(a.toString()).isZero();
        JsonNode only = rawGet(LIST + "?access_token=%ZZ");
        assertThat(only.get("errcode").asInt()).as("an undecodable token is a missing one").isEqualTo(41001);
    }

    @Test
    void percentEncodedAndPlusEncodedParametersAreDecoded() throws Exception {
        String t = token();
        // the corpid's letters percent-encoded, the secret as sent: the same token comes back
        String corp = handle.corpId();
        StringBuilder encoded = new StringBuilder();
        for (byte b : corp.getBytes(StandardCharsets.UTF_8)) encoded.append(String.format("%%%02X", b));
        JsonNode issued = json(get(HttpApi.GETTOKEN_PATH + "?corpid=" + encoded + "&corpsecret=" + handle.editSecret(), null));
        assertThat(issued.get("errcode").asInt()).as(issued.toString()).isZero();
        assertThat(issued.get("access_token").asText()).isEqualTo(t);
        JsonNode plus = json(get(HttpApi.GETTOKEN_PATH + "?corpid=" + corp + "+&corpsecret=" + handle.editSecret(), null));
        assertThat(plus.get("errcode").asInt()).as("'+' is a space, so the corpid is another one").isNotZero();
    }

    @Test
    void oneTrailingSlashIsIgnoredAndTwoAreNot() throws Exception {
        assertThat(json(get(LIST + "/?access_token=" + token(), null)).get("errcode").asInt()).isZero();
        HttpResponse<byte[]> two = get(LIST + "//?access_token=" + token(), null);
        assertThat(two.statusCode()).isEqualTo(404);
        assertThat(json(two).get("errcode").asInt()).isNotZero();
    }

    @Test
    void aMethodOverrideToPostMakesAGetReadItsBody() throws Exception {
        String body = "{\"parentid\":1,\"type\":2,\"name\":\"Grade by override\"}";
        HttpRequest r = HttpRequest.newBuilder(URI.create(handle.baseUrl() + CREATE + "?access_token=" + token()))
                .method("GET", HttpRequest.BodyPublishers.ofString(body))
                .header("X-HTTP-Method-Override", "POST").build();
        JsonNode created = json(HTTP.send(r, HttpResponse.BodyHandlers.ofByteArray()));
        assertThat(created.get("errcode").asInt()).as(created.toString()).isZero();
        assertThat(created.get("id").asLong()).isPositive();
    }

    @Test
    void aHeadToAKnownPathRunsNothingAndAnUnknownOneIsNotFound() throws Exception {
        String t = token();
        JsonNode created = json(HTTP.send(HttpRequest.newBuilder(URI.create(handle.baseUrl() + CREATE + "?access_token=" + t))
                .POST(HttpRequest.BodyPublishers.ofString("{\"parentid\":1,\"type\":2,\"name\":\"Grade kept\"}")).build(),
                HttpResponse.BodyHandlers.ofByteArray()));
        long id = created.get("id").asLong();
        HttpResponse<Void> head = HTTP.send(HttpRequest.newBuilder(URI.create(handle.baseUrl()
                + "/cgi-bin/school/department/delete?access_token=" + t + "&id=" + id))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        JsonNode listed = json(get(LIST + "?access_token=" + t + "&id=" + id, null));
        assertThat(listed.get("errcode").asInt()).as("a HEAD deletes nothing: " + listed).isZero();
        assertThat(listed.get("departments").size()).isEqualTo(1);
        HttpResponse<Void> unknown = HTTP.send(HttpRequest.newBuilder(URI.create(handle.baseUrl() + "/cgi-bin/school/nope"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void aBigAnswerIsGzippedForAClientThatAcceptsGzipAndASmallOneIsNot() throws Exception {
        String t = token();
        for (int i = 0; i < 40; i++) {
            SchoolContactsHandle.send("POST", handle.baseUrl() + CREATE + "?access_token=" + t,
                    "{\"parentid\":1,\"type\":2,\"name\":\"Grade with a long enough name " + i + "\"}");
        }
        HttpResponse<byte[]> zipped = get(LIST + "?access_token=" + t, "gzip, deflate");
        HttpResponse<byte[]> plain = get(LIST + "?access_token=" + t, null);
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.body().length).isGreaterThanOrEqualTo(WeComExchange.MIN_SIZE_FOR_GZIP);
        assertThat(zipped.body().length).isLessThan(plain.body().length);
        assertThat(json(zipped)).isEqualTo(json(plain));
        assertThat(json(plain).get("departments").size()).isGreaterThanOrEqualTo(40);

        HttpResponse<byte[]> small = get(HttpApi.GETTOKEN_PATH + "?corpid=" + handle.corpId() + "&corpsecret=" + handle.editSecret(), "gzip");
        assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(json(small).get("errcode").asInt()).isZero();
    }
}
