package org.schoolcontacts.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * Each failure the hostile-input fuzzer found, as the request that showed it, so it stays fixed. The
 * names say what went wrong before the fix.
 */
@SchoolContactsServer
class HostileInputRegressionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    SchoolContactsHandle handle;
    private RawHttp http;

    @BeforeEach
    void connect() {
        http = new RawHttp("127.0.0.1", handle.port(), 20_000);
    }

    @AfterEach
    void disconnect() {
        http.close();
    }

    private RawHttp.Response send(String head, String body, boolean cutShort) throws Exception {
        byte[] bytes = (head + "\r\n" + body).getBytes(StandardCharsets.UTF_8);
        return http.exchange(bytes, 0, 0, cutShort, false);
    }

    private String head(String requestLine, String... headers) {
        StringBuilder b = new StringBuilder(requestLine).append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(handle.port()).append("\r\n");
        for (String h : headers) b.append(h).append("\r\n");
        return b.toString();
    }

    private static JsonNode json(RawHttp.Response r) throws Exception {
        assertThat(r).isNotNull();
        assertThat(r.contentType()).startsWith("application/json");
        return JSON.readTree(r.body());
    }

    @Test
    void adminBodyWithAnUnknownCharsetWasASystemErrorAndIsNowReadAsUtf8() throws Exception {
        RawHttp.Response r = send(head("POST /__admin/rate-limits", "Content-Type: application/json; charset=bogus",
                "Content-Length: 17"), "{\"enabled\":false}", false);
        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).path("errcode").isMissingNode()).isTrue();
        assertThat(json(r).path("enabled").asBoolean(true)).isFalse();
    }

    @Test
    void adminBodyCutShortWasAnEmptyHttp500AndIsNowAJson400() throws Exception {
        RawHttp.Response r = send(head("POST /__admin/clock", "Content-Type: application/json", "Content-Length: 40"),
                "{\"advance_", true);
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).contains("unreadable request body");
        assertThat(handle.admin("GET", "/__admin/clock", null).path("offset_seconds").asLong()).isZero();
    }

    @Test
    void adminChunkedBodyWithAWrongChunkSizeWasAnEmptyHttp500AndIsNowAJson400() throws Exception {
        RawHttp.Response r = send(head("POST /__admin/rate-limits", "Transfer-Encoding: chunked"),
                "2a\r\n{\"enabled\":true}\r\n0\r\n\r\n", true);
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).contains("unreadable request body");
        assertThat(handle.admin("GET", "/__admin/rate-limits", null).path("enabled").asBoolean()).isFalse();
    }

    @Test
    void adminBodyOverFourMebibytesWasAPlainTextHttp413AndIsNowAJson400() throws Exception {
        String big = "{\"advance_seconds\":1,\"pad\":\"" + "x".repeat(5 << 20) + "\"}";
        RawHttp.Response r = send(head("POST /__admin/clock", "Content-Type: application/json",
                "Content-Length: " + big.length()), big, false);
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).containsAnyOf("request body larger than", "request body too large");
        assertThat(handle.admin("GET", "/__admin/clock", null).path("offset_seconds").asLong()).isZero();
    }
}
