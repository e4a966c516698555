package org.schoolcontacts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.message.WxCpXmlMessage;
import me.chanjar.weixin.cp.bean.school.user.WxCpBatchCreateStudentRequest;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;
import me.chanjar.weixin.cp.util.crypto.WxCpCryptUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * An app's callback written with WxJava alone (spec events §7 no. 2): it answers URL verification with
 * {@code WxCpCryptUtil} and parses every push with {@code WxCpXmlMessage.fromEncryptedXml}, while the
 * changes are made through WxJava's school service.
 */
@SchoolContactsServer
class WxJavaEventsCompatTest {
    static final String CORP = "wwschool00000001";
    static final String TOKEN = "AppToken01";
    static final String KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";

    SchoolContactsHandle handle;
    WxCpService wx;
    HttpServer server;
    final List<WxCpXmlMessage> messages = Collections.synchronizedList(new ArrayList<>());
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    static WxCpDefaultConfigImpl config() {
        WxCpDefaultConfigImpl cfg = new WxCpDefaultConfigImpl();
        cfg.setCorpId(CORP);
        cfg.setAgentId(1000001);
        cfg.setToken(TOKEN);
        cfg.setAesKey(KEY);
        return cfg;
    }

    @BeforeEach
    void wxJavaReceiver() throws Exception {
        handle.reset();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/wecom", ex -> {
            try (ex) {
                Map<String, String> q = query(ex.getRequestURI().getRawQuery());
                String answer = "";
                try {
                    if (ex.getRequestMethod().equals("GET")) {
                        if (!wx.checkSignature(q.get("msg_signature"), q.get("timestamp"), q.get("nonce"), q.get("echostr"))) {
                            throw new IllegalStateException("WxJava rejects the signature");
                        }
                        answer = new WxCpCryptUtil(config()).decrypt(q.get("echostr"));
                    } else {
                        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                        messages.add(WxCpXmlMessage.fromEncryptedXml(body, config(), q.get("timestamp"), q.get("nonce"), q.get("msg_signature")));
                    }
                } catch (RuntimeException e) {
                    failures.add(String.valueOf(e));
                }
                byte[] b = answer.getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, b.length == 0 ? -1 : b.length);
                if (b.length > 0) ex.getResponseBody().write(b);
            }
        });
        server.start();
        ((WxCpDefaultConfigImpl) wx.getWxCpConfigStorage()).setToken(TOKEN);
        ((WxCpDefaultConfigImpl) wx.getWxCpConfigStorage()).setAesKey(KEY);
        handle.events().configureCallback(CORP, 1000001, "http://127.0.0.1:" + server.getAddress().getPort() + "/wecom", TOKEN, KEY);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void wxJavaVerifiesTheCallbackAndParsesEachGoodItemOfAPartlyFailedBatch() {
        List<WxCpBatchCreateStudentRequest.Student> students = List.of(
                new WxCpBatchCreateStudentRequest.Student().setStudentUserId("w1").setName("W1").setDepartment(List.of(11)),
                new WxCpBatchCreateStudentRequest.Student().setStudentUserId("s0001").setName("Taken").setDepartment(List.of(11)),
                new WxCpBatchCreateStudentRequest.Student().setStudentUserId("w2").setName("W2").setDepartment(List.of(11)));
        // WxJava throws on a partial failure, yet the good items are committed
        Throwable t = catchThrowable(() -> wx.getSchoolUserService().batchCreateStudent(new WxCpBatchCreateStudentRequest(students)));
        assertThat(t).isInstanceOf(WxErrorException.class);
        handle.events().drain();
        assertThat(failures).isEmpty();
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.getEvent()).isEqualTo("change_school_contact");
            assertThat(m.getMsgType()).isEqualTo("event");
            assertThat(m.getToUserName()).isEqualTo(CORP);
        });
        assertThat(messages).extracting(WxCpXmlMessage::getChangeType).containsExactly("create_student", "create_student");
        assertThat(messages).extracting(WxCpXmlMessage::getId).containsExactly("w1", "w2");
    }

    @Test
    void aRenameIsReadableThroughWxJavasFieldMap() throws Exception {
        wx.getSchoolUserService().updateStudent("s0001", "s0001b", "Li Lei", List.of(11));
        handle.events().drain();
        assertThat(failures).isEmpty();
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.getChangeType()).isEqualTo("update_student");
            assertThat(m.getId()).isEqualTo("s0001");
            assertThat(m.getAllFieldsMap().get("NewId")).isEqualTo("s0001b");
        });
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
