package org.schoolcontacts.events;

import static org.assertj.core.api.Assertions.assertThat;

import me.chanjar.weixin.cp.bean.message.WxCpXmlMessage;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;
import me.chanjar.weixin.cp.util.crypto.WxCpCryptUtil;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.wecom.crypto.WxBizMsgCrypt;

/** WxJava's own crypto reads what ours writes, and ours reads WxJava's (spec §1.5, §7 no. 1). */
class WxJavaCryptCompatTest {
    // D-90968's golden key: its last character carries non-zero unused bits.
    static final String TOKEN = "QDG6eK";
    static final String KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    static final String CORPID = "wx5823bf96d3bd56c7";

    static WxCpDefaultConfigImpl config() {
        WxCpDefaultConfigImpl cfg = new WxCpDefaultConfigImpl();
        cfg.setCorpId(CORPID);
        cfg.setToken(TOKEN);
        cfg.setAesKey(KEY);
        cfg.setAgentId(1000001);
        return cfg;
    }

    @Test
    void wxJavaDecryptsAndParsesAnEventWeSealed() {
        String plaintext = "<xml><ToUserName><![CDATA[" + CORPID + "]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
                + "<CreateTime>1767225600</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[change_school_contact]]></Event><ChangeType><![CDATA[update_student]]></ChangeType>"
                + "<Id><![CDATA[s0001]]></Id><NewId><![CDATA[s0001b]]></NewId></xml>";
        WxBizMsgCrypt.Sealed sealed = new WxBizMsgCrypt(TOKEN, KEY, CORPID)
                .encrypt(plaintext, "1767225600", WxBizMsgCrypt.randomDigits(10), "1000001");

        String decrypted = new WxCpCryptUtil(config()).decrypt(sealed.signature(), sealed.timestamp(), sealed.nonce(), sealed.envelopeXml());
        assertThat(decrypted).isEqualTo(plaintext);

        WxCpXmlMessage msg = WxCpXmlMessage.fromEncryptedXml(sealed.envelopeXml(), config(), sealed.timestamp(), sealed.nonce(), sealed.signature());
        assertThat(msg.getEvent()).isEqualTo("change_school_contact");
        assertThat(msg.getChangeType()).isEqualTo("update_student");
        assertThat(msg.getId()).isEqualTo("s0001");
        assertThat(msg.getAllFieldsMap().get("NewId")).isEqualTo("s0001b");
        assertThat(msg.getCreateTime()).isEqualTo(1767225600L);
    }

    @Test
    void wxJavaAnswersOurUrlVerification() {
        String plaintext = WxBizMsgCrypt.randomDigits(19);
        WxBizMsgCrypt.Sealed echo = new WxBizMsgCrypt(TOKEN, KEY, CORPID).echo(plaintext, "1409659813", "1372623149");
        assertThat(new WxCpCryptUtil(config()).decrypt(echo.encrypt())).isEqualTo(plaintext);
    }

    @Test
    void weDecryptWhatWxJavaEncrypted() {
        String plaintext = "<xml><Content><![CDATA[你好]]></Content></xml>";
        String envelope = new WxCpCryptUtil(config()).encrypt(plaintext);
        // WxJava's envelope carries its own signature, timestamp and nonce as elements.
        var doc = WxBizMsgCrypt.parse(envelope);
        String sig = doc.getElementsByTagName("MsgSignature").item(0).getTextContent();
        String ts = doc.getElementsByTagName("TimeStamp").item(0).getTextContent();
        String nonce = doc.getElementsByTagName("Nonce").item(0).getTextContent();
        assertThat(new WxBizMsgCrypt(TOKEN, KEY, CORPID).decrypt(sig, ts, nonce, envelope)).isEqualTo(plaintext);
    }
}
