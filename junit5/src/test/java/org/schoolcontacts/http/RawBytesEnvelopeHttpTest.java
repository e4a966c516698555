package org.schoolcontacts.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * Every request gets WeCom's JSON envelope whatever its bytes: requests the HTTP layer refuses before
 * any route (bad request line, over-long URI, headers too large, control characters in the path) are
 * sent as raw bytes over a socket, since an HTTP client library would refuse to send most of them.
 */
@SchoolContactsServer
class RawBytesEnvelopeHttpTest {
    /** Strict: anything after the envelope's object (a framework's own text, say) fails the parse. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    SchoolContactsHandle handle;

    /** An HTTP answer read off the socket: status, lower-cased headers and the body. */
    record Raw(int status, Map<String, String> headers, String body) {
        JsonNode json() throws IOException { return JSON.readTree(body); }
    }

    private Raw send(byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", handle.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            return read(s.getInputStream());
        }
    }

    private Raw send(String request) throws IOException {
        return send(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads one response: the head up to the blank line, then Content-Length bytes (or to the end). */
    private static Raw read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) break;
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body;
        if (headers.containsKey("content-length")) body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        else body = in.readAllBytes();
        return new Raw(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static void assertEnvelope(Raw r, int httpStatus, int errcode) throws IOException {
        assertThat(r.status()).as(r.body()).isEqualTo(httpStatus);
        assertThat(r.headers().get("content-type")).as(r.body()).startsWith("application/json");
        assertThat(r.body()).doesNotContainIgnoringCase("<html").doesNotContain("Bad Message");
        JsonNode json = r.json();
        assertThat(json.path("errcode").asInt()).as(r.body()).isEqualTo(errcode);
        assertThat(json.path("errmsg").isTextual()).isTrue();
        assertThat(json.path("errmsg").asText()).contains("more info at https://open.work.weixin.qq.com/devtool/query?e=" + errcode);
    }

    @Test
    void aWellFormedRequestOverTheSocketIsAnsweredAsUsual() throws IOException {
        Raw r = send("GET /cgi-bin/school/department/list HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("errcode").asInt()).isEqualTo(41001);
    }

    /** What Jetty refuses before any route is in the request journal too, with the answer the client got. */
    @Test
    void requestsRefusedBeforeAnyRouteAreInTheJournal() throws IOException {
        handle.requests().clear();
        Raw unparsed = send("GET /cgi-bin/a\u0001b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        Raw encodedSlash = send("GET /cgi-bin/school%2fuser/get?userid=s0001 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        java.util.List<org.schoolcontacts.junit5.RecordedRequests.Entry> all = handle.requests().all();
        assertThat(all).hasSize(2);
        // newest first
        assertThat(all.get(1).method()).isEqualTo("-");
        assertThat(all.get(1).errcode()).isEqualTo(400);
        assertThat(all.get(1).response()).isEqualTo(unparsed.body());
        assertThat(all.get(0).method()).isEqualTo("GET");
        assertThat(all.get(0).path()).isEqualTo("/cgi-bin/school%2fuser/get?userid=s0001");
        assertThat(all.get(0).errcode()).isEqualTo(encodedSlash.json().path("errcode").asInt());
        assertThat(all.get(0).response()).isEqualTo(encodedSlash.body());
    }

    /** The body is the envelope alone, for unknown paths and methods, inside /cgi-bin/ and outside it. */
    @Test
    void unknownPathsAndMethodsGetTheEnvelopeAndNothingAfterIt() throws IOException {
        String[][] cases = {{"GET", "/cgi-bin/nope"}, {"POST", "/cgi-bin/school/user/nope"}, {"GET", "/cgi-bin"},
                {"GET", "/cgi-bin/"}, {"GET", "/elsewhere"}, {"PUT", "/cgi-bin/gettoken"}, {"DELETE", "/cgi-bin/nope"}};
        for (String[] c : cases) {
            Raw r = send(c[0] + " " + c[1] + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            assertEnvelope(r, 404, 404);
            assertThat(r.body()).as(c[0] + " " + c[1]).endsWith("}");
        }
    }

    /** WeCom paths are matched exactly: case counts, one trailing slash is ignored, two are not. */
    @Test
    void aWeComPathMatchesExactlyWithOneTrailingSlashIgnored() throws IOException {
        String query = "?corpid=wwschool00000001&corpsecret=edit-secret-0001";
        Raw oneSlash = send("GET /cgi-bin/gettoken/" + query + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(oneSlash.status()).isEqualTo(200);
        assertThat(oneSlash.json().path("errcode").asInt()).isZero();
        for (String path : new String[] {"/cgi-bin/gettoken//", "/cgi-bin/GETTOKEN", "/cgi-bin//gettoken", "/cgi-bin/school/./user/get"}) {
            Raw r = send("GET " + path + query + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEnvelope(r, 404, 404);
        }
    }

    @Test
    void aPercentEncodedNulInThePathGetsTheEnvelope() throws IOException {
        Raw r = send("GET /cgi-bin/school/user/get%00?userid=s0001 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(r.status()).isIn(400, 404);
        assertEnvelope(r, r.status(), r.status());
    }

    @Test
    void otherEncodedControlCharactersAndEncodedSlashesInThePathGetTheEnvelope() throws IOException {
        for (String path : new String[] {"/cgi-bin/gettoken%0a", "/cgi-bin/school%2fuser/get", "/cgi-bin/%1b[31m", "/cgi-bin/school/user/get%"}) {
            Raw r = send("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(r.status()).as(path).isIn(400, 404);
            assertEnvelope(r, r.status(), r.status());
        }
    }

    @Test
    void aRawControlCharacterInTheRequestLineGetsTheEnvelope() throws IOException {
        Raw r = send("GET /cgi-bin/a\u0001b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEnvelope(r, 400, 400);
    }

    @Test
    void anOverLongUriGetsTheEnvelope() throws IOException {
        Raw r = send("GET /cgi-bin/school/department/list?id=" + "1".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(r.status()).isIn(400, 414);
        assertEnvelope(r, r.status(), 400);
        assertThat(r.json().path("errmsg").asText()).startsWith("bad request: ");
    }

    @Test
    void tooLargeHeadersGetTheEnvelope() throws IOException {
        Raw one = send("GET /cgi-bin/school/department/list HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        assertThat(one.status()).isIn(400, 431);
        assertEnvelope(one, one.status(), 400);
        StringBuilder many = new StringBuilder("GET /cgi-bin/school/department/list HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 2_000; i++) many.append("X-H").append(i).append(": v\r\n");
        Raw lots = send(many.append("Connection: close\r\n\r\n").toString());
        assertThat(lots.status()).isIn(400, 431);
        assertEnvelope(lots, lots.status(), 400);
    }

    @Test
    void aMalformedRequestLineGetsTheEnvelope() throws IOException {
        for (String line : new String[] {"HELLO\r\n\r\n", "GET\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "G@T / HTTP/1.1\r\nHost: x\r\n\r\n"}) {
            Raw r = send(line);
            assertThat(r.status()).as(line).isGreaterThanOrEqualTo(400).isLessThan(600);
            assertEnvelope(r, r.status(), 400);
        }
    }

    @Test
    void aBrokenHeaderOrContentLengthGetsTheEnvelope() throws IOException {
        Raw noColon = send("GET /cgi-bin/gettoken HTTP/1.1\r\nHost: x\r\nnot a header\r\nConnection: close\r\n\r\n");
        assertEnvelope(noColon, 400, 400);
        Raw badLength = send("POST /cgi-bin/school/department/create HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n");
        assertEnvelope(badLength, 400, 400);
    }

    @Test
    void invalidUtf8InThePathGetsTheEnvelope() throws IOException {
        byte[] head = "GET /cgi-bin/school/user/get".getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, request, 0, head.length);
        request[head.length] = (byte) 0xC3;
        request[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, request, head.length + 2, tail.length);
        Raw r = send(request);
        assertThat(r.status()).isIn(400, 404);
        assertEnvelope(r, r.status(), r.status());
    }

    @Test
    void aBrokenChunkedBodyGetsTheEnvelopeAndNoSystemError() throws IOException {
        String token = handle.token(handle.editSecret());
        Raw r = send("POST /cgi-bin/school/department/create?access_token=" + token + " HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n{\"parentid\":1}\r\n0\r\n\r\n");
        assertThat(r.status()).isIn(200, 400);
        assertEnvelope(r, r.status(), r.status() == 200 ? 40058 : 400);
    }
}
