package org.schoolcontacts.events;

import org.schoolcontacts.wecom.crypto.WxBizMsgCrypt;

/**
 * URL verification (spec events §1.6, D-90930 §3.1): a GET with an encrypted echostr; the receiver
 * proves it holds the token and key by answering HTTP 200 with exactly the decrypted plaintext, in time.
 */
final class CallbackVerification {
    private CallbackVerification() {}

    /** Null when verified, else why not (the admin answer's {@code detail}). */
    static String verify(Sender sender, String url, String token, String aesKey, String receiveId, long timeoutMillis) {
        WxBizMsgCrypt crypt = new WxBizMsgCrypt(token, aesKey, receiveId);
        // real echostrs decrypt to 19 random digits (§6 no. 13)
        String plaintext = WxBizMsgCrypt.randomDigits(19);
        WxBizMsgCrypt.Sealed echo = crypt.echo(plaintext, Long.toString(System.currentTimeMillis() / 1000), WxBizMsgCrypt.randomDigits(10));
        String query = "msg_signature=" + Sender.encode(echo.signature()) + "&timestamp=" + Sender.encode(echo.timestamp())
                + "&nonce=" + Sender.encode(echo.nonce()) + "&echostr=" + Sender.encode(echo.encrypt());
        Sender.Answer a = sender.get(url, query, timeoutMillis);
        if (a.status() == null) return "no answer from " + url + ": " + a.error();
        if (a.status() != 200) return "the receiver answered HTTP " + a.status() + ", not 200";
        if (!plaintext.equals(a.body())) {
            return "the receiver's answer is not the decrypted echostr (expected exactly " + plaintext.length()
                    + " digits, no quotes, BOM or newline)";
        }
        return null;
    }
}
