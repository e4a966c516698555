package org.schoolcontacts.wecom.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** D-90968's worked example, checked byte for byte, in both directions. */
class WxBizMsgCryptTest {
    static final String TOKEN = "QDG6eK";
    static final String TIMESTAMP = "1409659813";
    static final String NONCE = "1372623149";
    static final String KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    static final String RECEIVE_ID = "wx5823bf96d3bd56c7";
    static final String MSG_ENCRYPT = "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";
    static final String SIGNATURE = "477715d11cdb4164915debcba66cb864d751f3e6";
    static final String MSG = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n"
            + "<FromUserName><![CDATA[mycreate]]></FromUserName>\n"
            + "<CreateTime>1409659813</CreateTime>\n"
            + "<MsgType><![CDATA[text]]></MsgType>\n"
            + "<Content><![CDATA[hello]]></Content>\n"
            + "<MsgId>4561255354251345929</MsgId>\n"
            + "<AgentID>218</AgentID>\n"
            + "</xml>";
    static final String PREFIX = "0960688932c47ef1";

    final WxBizMsgCrypt crypt = new WxBizMsgCrypt(TOKEN, KEY, RECEIVE_ID);

    @Test
    void goldenKeyDecodesDespiteNonZeroUnusedBits() {
        assertThat(HexFormat.of().formatHex(WxBizMsgCrypt.aesKey(KEY)))
                .isEqualTo("8d69989bbaabe67328014c194631ad0719b3dca035b64023df292447aab60760");
    }

    @Test
    void goldenSignatureIsReproduced() {
        assertThat(WxBizMsgCrypt.signature(TOKEN, TIMESTAMP, NONCE, MSG_ENCRYPT)).isEqualTo(SIGNATURE);
    }

    @Test
    void goldenCiphertextDecryptsToTheMessageAndReceiveId() {
        assertThat(MSG.getBytes(StandardCharsets.UTF_8)).hasSize(284);
        WxBizMsgCrypt.Opened opened = crypt.open(MSG_ENCRYPT);
        assertThat(opened.message()).isEqualTo(MSG);
        assertThat(opened.receiveId()).isEqualTo(RECEIVE_ID);
    }

    @Test
    void goldenPlaintextLayoutIsPrefixLengthMessageIdAndThirtyBytesOfPadding() throws Exception {
        byte[] key = WxBizMsgCrypt.aesKey(KEY);
        Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
        byte[] plain = c.doFinal(Base64.getDecoder().decode(MSG_ENCRYPT));
        assertThat(plain).hasSize(352);
        assertThat(new String(plain, 0, 16, StandardCharsets.US_ASCII)).isEqualTo(PREFIX);
        assertThat(ByteBuffer.wrap(plain, 16, 4).getInt()).isEqualTo(284);
        byte[] pad = Arrays.copyOfRange(plain, 352 - 30, 352);
        byte[] thirties = new byte[30];
        Arrays.fill(thirties, (byte) 0x1E);
        assertThat(pad).isEqualTo(thirties);
    }

    @Test
    void goldenMessageWithTheGoldenPrefixEncryptsToTheGoldenCiphertext() {
        assertThat(crypt.encryptWithPrefix(PREFIX.getBytes(StandardCharsets.US_ASCII), MSG)).isEqualTo(MSG_ENCRYPT);
    }

    @Test
    void goldenEnvelopeVerifiesAndDecrypts() {
        String envelope = "<xml><ToUserName><![CDATA[" + RECEIVE_ID + "]]></ToUserName><Encrypt><![CDATA["
                + MSG_ENCRYPT + "]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>";
        assertThat(crypt.decrypt(SIGNATURE, TIMESTAMP, NONCE, envelope)).isEqualTo(MSG);
    }

    @Test
    void sealedEnvelopeRoundTripsWithItsSignature() {
        WxBizMsgCrypt.Sealed sealed = crypt.encrypt("<xml><Id><![CDATA[s0001]]></Id></xml>", "1767225600", "1234567890", "1000001");
        assertThat(sealed.envelopeXml()).startsWith("<xml><ToUserName><![CDATA[" + RECEIVE_ID + "]]></ToUserName>"
                + "<AgentID><![CDATA[1000001]]></AgentID><Encrypt><![CDATA[");
        assertThat(sealed.signature()).isEqualTo(WxBizMsgCrypt.signature(TOKEN, "1767225600", "1234567890", sealed.encrypt()));
        assertThat(crypt.decrypt(sealed.signature(), "1767225600", "1234567890", sealed.envelopeXml()))
                .isEqualTo("<xml><Id><![CDATA[s0001]]></Id></xml>");
    }

    @Test
    void multiByteMessagesArePaddedByTheirUtf8Length() {
        String msg = "<xml><Name><![CDATA[父亲母亲]]></Name></xml>";
        WxBizMsgCrypt.Sealed sealed = crypt.encrypt(msg, "1", "2");
        assertThat(Base64.getDecoder().decode(sealed.encrypt()).length % 32).isZero();
        assertThat(crypt.open(sealed.encrypt()).message()).isEqualTo(msg);
    }

    @Test
    void echostrRoundTripsThroughUrlVerification() {
        String plaintext = WxBizMsgCrypt.randomDigits(19);
        WxBizMsgCrypt.Sealed echo = crypt.echo(plaintext, "1409659813", "1372623149");
        assertThat(crypt.verifyUrl(echo.signature(), echo.timestamp(), echo.nonce(), echo.encrypt())).isEqualTo(plaintext);
    }

    @Test
    void aWrongSignatureIsRefused() {
        assertThatThrownBy(() -> crypt.verifyUrl("0" + SIGNATURE.substring(1), TIMESTAMP, NONCE, MSG_ENCRYPT))
                .isInstanceOf(WxBizMsgCrypt.CryptoException.class).hasMessageContaining("signature");
    }

    @Test
    void anotherReceiveIdIsRefused() {
        WxBizMsgCrypt other = new WxBizMsgCrypt(TOKEN, KEY, "wwother");
        assertThatThrownBy(() -> other.verifyUrl(SIGNATURE, TIMESTAMP, NONCE, MSG_ENCRYPT))
                .isInstanceOf(WxBizMsgCrypt.CryptoException.class).hasMessageContaining("receiveid");
    }

    @Test
    void keysOtherThanFortyThreeAlphanumericsAreRefused() {
        assertThat(WxBizMsgCrypt.isValidKey(KEY)).isTrue();
        assertThat(WxBizMsgCrypt.isValidKey(KEY.substring(1))).isFalse();
        assertThat(WxBizMsgCrypt.isValidKey(KEY.substring(1) + "+")).isFalse();
        assertThatThrownBy(() -> new WxBizMsgCrypt(TOKEN, "short", RECEIVE_ID)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomNoncesAreTenDigitsWithoutLeadingZero() {
        for (int i = 0; i < 50; i++) {
            assertThat(WxBizMsgCrypt.randomDigits(10)).matches("[1-9][0-9]{9}");
        }
    }
}
