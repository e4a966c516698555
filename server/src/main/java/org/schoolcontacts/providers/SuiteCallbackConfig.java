package org.schoolcontacts.providers;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.schoolcontacts.providers.ProviderStore.SuiteRow;
import org.schoolcontacts.wecom.crypto.WxBizMsgCrypt;

/**
 * {@code PUT /__admin/suites/{id}/callback} (spec 1.6, 5.2): verifies a suite's instruction URL as WeCom
 * does (a GET with an encrypted 19-digit echostr, receiveid = the provider's corpid, answered with
 * exactly the plaintext within 1 s), then stores it and pushes a ticket. A failed verification keeps
 * the previous configuration.
 */
final class SuiteCallbackConfig {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final Providers providers;

    SuiteCallbackConfig(Providers providers) { this.providers = providers; }

    record Result(boolean verified, String detail) {}

    Result configure(String suiteId, String url, String token, String aesKey) {
        SuiteRow suite = providers.suiteOrNotFound(suiteId);
        String t = token == null ? suite.suite().token() : token;
        String k = aesKey == null ? suite.suite().encodingAesKey() : aesKey;
        if (!WxBizMsgCrypt.isValidToken(t)) throw new IllegalArgumentException("\"token\" must be 1-32 letters or digits");
        if (!WxBizMsgCrypt.isValidKey(k)) throw new IllegalArgumentException("\"encoding_aes_key\" must be exactly 43 letters or digits");
        String plaintext = WxBizMsgCrypt.randomDigits(19);
        String timestamp = Long.toString(providers.clock().millis() / 1000);
        String nonce = WxBizMsgCrypt.randomDigits(10);
        WxBizMsgCrypt.Sealed echo = new WxBizMsgCrypt(t, k, suite.providerCorpId()).echo(plaintext, timestamp, nonce);
        String target = url + (url.contains("?") ? "&" : "?") + "msg_signature=" + enc(echo.signature()) + "&timestamp=" + enc(timestamp)
                + "&nonce=" + enc(nonce) + "&echostr=" + enc(echo.encrypt());
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(1)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) return new Result(false, "the receiver answered HTTP " + r.statusCode());
            if (!plaintext.equals(r.body())) return new Result(false, "the receiver's answer is not the decrypted echostr");
        } catch (IOException | IllegalArgumentException e) {
            return new Result(false, "cannot reach the receiver: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
        providers.db().writeServer(tx -> tx.update("UPDATE suites SET callback_url = ?, token = ?, encoding_aes_key = ? WHERE suite_id = ?",
                url, t, k, suiteId));
        providers.pushTicket(suiteId);
        return new Result(true, null);
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }
}
