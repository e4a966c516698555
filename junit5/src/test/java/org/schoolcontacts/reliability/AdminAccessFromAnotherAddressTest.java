package org.schoolcontacts.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.SchoolContacts;
import org.schoolcontacts.ServerConfig;
import org.schoolcontacts.storage.StoreConfig;

/**
 * {@code /__admin} from a caller that is not on loopback, for real: the server listens on every
 * address and the test connects to this machine's own non-loopback address, so the server sees that
 * address as the caller's. Without an admin token only loopback callers get in; with one, only callers
 * that send it. A forwarded-for header changes nothing.
 */
class AdminAccessFromAnotherAddressTest {
    @TempDir
    Path dir;

    /** This machine's first non-loopback IPv4 address of an interface that is up. */
    static String otherAddress() throws SocketException {
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!n.isUp() || n.isLoopback()) continue;
            for (InetAddress a : Collections.list(n.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) return a.getHostAddress();
            }
        }
        throw new AssertionError("this machine has no non-loopback IPv4 address to call the server from");
    }

    private static RawHttp.Response get(String host, int port, String path, String... headers) throws Exception {
        StringBuilder b = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String h : headers) b.append(h).append("\r\n");
        try (RawHttp http = new RawHttp(host, port, 20_000)) {
            return http.exchange(b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1), 0, 0, false, false);
        }
    }

    private static SchoolContacts start(Path dir, String adminToken) {
        return SchoolContacts.start(new ServerConfig("0.0.0.0", 0, StoreConfig.embedded(dir), null, false, adminToken));
    }

    @Test
    void withoutAnAdminTokenOnlyLoopbackCallersGetIn() throws Exception {
        String other = otherAddress();
        try (SchoolContacts server = start(dir, null)) {
            int port = server.port();
            assertThat(get("127.0.0.1", port, "/__admin/requests").status()).isEqualTo(200);
            RawHttp.Response refused = get(other, port, "/__admin/requests");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/json");
            assertThat(refused.text()).contains("loopback").doesNotContain("requests\":[");
            assertThat(get(other, port, "/__admin/requests", "X-Forwarded-For: 127.0.0.1", "X-Real-IP: 127.0.0.1",
                    "Forwarded: for=127.0.0.1").status()).isEqualTo(403);
            assertThat(get(other, port, "/__admin/faults").status()).isEqualTo(403);
            // a WeCom call from the same address is served: only the admin surface is closed
            assertThat(get(other, port, "/cgi-bin/gettoken?corpid=wwschool00000001&corpsecret=edit-secret-0001").text())
                    .contains("\"errcode\":0");
        }
    }

    @Test
    void withAnAdminTokenEveryCallerMustSendItExactly() throws Exception {
        String other = otherAddress();
        String token = "adm-0123456789abcdef";
        try (SchoolContacts server = start(dir, token)) {
            int port = server.port();
            assertThat(get(other, port, "/__admin/requests").status()).isEqualTo(401);
            assertThat(get("127.0.0.1", port, "/__admin/requests").status()).isEqualTo(401);
            for (String wrong : new String[] {"adm-0123456789abcdeF", "adm-0123456789abcde", "adm-0123456789abcdef0", "", token.toUpperCase()}) {
                assertThat(get(other, port, "/__admin/requests", "Authorization: Bearer " + wrong).status()).as(wrong).isEqualTo(401);
            }
            assertThat(get(other, port, "/__admin/requests", "Authorization: " + token).status()).isEqualTo(401);
            assertThat(get(other, port, "/__admin/requests", "Authorization: Basic " + token).status()).isEqualTo(401);
            RawHttp.Response ok = get(other, port, "/__admin/requests", "Authorization: Bearer " + token);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.text()).contains("\"requests\"");
            // the refusal never echoes the token
            assertThat(get(other, port, "/__admin/requests", "Authorization: Bearer adm-0123456789abcdeF").text()).doesNotContain("0123456789");
        }
    }
}
