package org.schoolcontacts.wecom.crypto;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * WeCom's message crypto (WXBizMsgCrypt, D-90968): AES-256-CBC over
 * {@code random16 ‖ len(msg) big-endian ‖ msg ‖ receiveid}, PKCS#7-padded to 32 bytes, IV = first
 * 16 key bytes, and a SHA-1 signature of the sorted (token, timestamp, nonce, msg_encrypt).
 *
 * <p>One instance per (token, EncodingAESKey, receiveid); immutable and thread-safe. The receiveid is
 * the corpid for app callbacks, the suite id for third-party pushes, and the provider corpid for the
 * URL verification of a suite's instruction URL (spec §1.6).
 */
public final class WxBizMsgCrypt {
    /** WeCom pads to 32-byte blocks, not AES's 16 (WxJava's PKCS7Encoder.BLOCK_SIZE). */
    static final int PAD_BLOCK = 32;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9]{43}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String token;
    private final byte[] aesKey;
    private final String receiveId;

    /** A push sealed for one receiver: what goes in the query and in the body. */
    public record Sealed(String encrypt, String signature, String timestamp, String nonce, String envelopeXml) {}

    /** A decrypted message and the receiveid found inside it. */
    public record Opened(String message, String receiveId) {}

    public WxBizMsgCrypt(String token, String encodingAesKey, String receiveId) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("token must be 1-32 characters of [A-Za-z0-9]");
        }
        if (!isValidKey(encodingAesKey)) {
            throw new IllegalArgumentException("EncodingAESKey must be exactly 43 characters of [A-Za-z0-9]");
        }
        if (receiveId == null || receiveId.isEmpty()) {
            throw new IllegalArgumentException("receiveid must not be empty");
        }
        this.token = token;
        this.aesKey = aesKey(encodingAesKey);
        this.receiveId = receiveId;
    }

    public static boolean isValidKey(String encodingAesKey) {
        return encodingAesKey != null && KEY.matcher(encodingAesKey).matches();
    }

    public static boolean isValidToken(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    /**
     * Base64 of the 43 characters plus "=". java.util.Base64 ignores the two unused trailing bits,
     * as WeCom does; a strict decoder refuses about three keys in four (spec §1.5 note).
     */
    static byte[] aesKey(String encodingAesKey) {
        return Base64.getDecoder().decode(encodingAesKey + "=");
    }

    // ---- sending side ----------------------------------------------------------------------

    /** Seals a plaintext XML message with a fresh random prefix; the envelope's AgentID is empty. */
    public Sealed encrypt(String plaintextXml, String timestamp, String nonce) {
        return encrypt(plaintextXml, timestamp, nonce, "");
    }

    /** Seals a plaintext XML message for an app callback: the envelope carries the agentid. */
    public Sealed encrypt(String plaintextXml, String timestamp, String nonce, String agentId) {
        requireNotEmpty(timestamp, "timestamp");
        requireNotEmpty(nonce, "nonce");
        String encrypt = encryptWithPrefix(randomAlnum(16).getBytes(StandardCharsets.US_ASCII), plaintextXml);
        String signature = signature(token, timestamp, nonce, encrypt);
        String xml = "<xml><ToUserName><![CDATA[" + receiveId + "]]></ToUserName><AgentID><![CDATA["
                + (agentId == null ? "" : agentId) + "]]></AgentID><Encrypt><![CDATA[" + encrypt
                + "]]></Encrypt></xml>";
        return new Sealed(encrypt, signature, timestamp, nonce, xml);
    }

    /** msg_encrypt for a given 16-byte random prefix; the golden test fixes the prefix. */
    public String encryptWithPrefix(byte[] random16, String message) {
        if (random16.length != 16) {
            throw new IllegalArgumentException("random prefix must be 16 bytes");
        }
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        byte[] id = receiveId.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream plain = new ByteArrayOutputStream(16 + 4 + msg.length + id.length + PAD_BLOCK);
        plain.writeBytes(random16);
        plain.writeBytes(ByteBuffer.allocate(4).putInt(msg.length).array());
        plain.writeBytes(msg);
        plain.writeBytes(id);
        int pad = PAD_BLOCK - plain.size() % PAD_BLOCK;
        for (int i = 0; i < pad; i++) {
            plain.write(pad);
        }
        return Base64.getEncoder().encodeToString(aes(Cipher.ENCRYPT_MODE, plain.toByteArray()));
    }

    /**
     * The GET of a URL verification (§1.6): echostr is the encryption of {@code plaintext}; returns
     * the sealed echostr (its {@code encrypt}) with timestamp, nonce and signature.
     */
    public Sealed echo(String plaintext, String timestamp, String nonce) {
        Sealed s = encrypt(plaintext, timestamp, nonce);
        return new Sealed(s.encrypt(), s.signature(), timestamp, nonce, null);
    }

    // ---- receiving side ----------------------------------------------------------------------

    /** Verifies the signature over the envelope's Encrypt, decrypts it and checks the receiveid. */
    public String decrypt(String msgSignature, String timestamp, String nonce, String envelopeXml) {
        String encrypt = encryptElement(envelopeXml);
        return verifiedOpen(msgSignature, timestamp, nonce, encrypt);
    }

    /** URL verification on the receiving side: verifies and decrypts echostr, returning the plaintext. */
    public String verifyUrl(String msgSignature, String timestamp, String nonce, String echostr) {
        return verifiedOpen(msgSignature, timestamp, nonce, echostr);
    }

    private String verifiedOpen(String msgSignature, String timestamp, String nonce, String encrypt) {
        String expected = signature(token, timestamp, nonce, encrypt);
        if (msgSignature == null || !MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), msgSignature.getBytes(StandardCharsets.US_ASCII))) {
            throw new CryptoException("signature mismatch");
        }
        Opened opened = open(encrypt);
        if (!receiveId.equals(opened.receiveId())) {
            throw new CryptoException("receiveid mismatch: " + opened.receiveId());
        }
        return opened.message();
    }

    /** Decrypts msg_encrypt without checking a signature or the receiveid. */
    public Opened open(String msgEncrypt) {
        byte[] plain;
        try {
            plain = aes(Cipher.DECRYPT_MODE, Base64.getDecoder().decode(msgEncrypt));
        } catch (IllegalArgumentException e) {
            throw new CryptoException("msg_encrypt is not Base64");
        }
        int pad = plain.length == 0 ? 0 : plain[plain.length - 1] & 0xFF;
        if (pad < 1 || pad > PAD_BLOCK || pad > plain.length - 20) {
            throw new CryptoException("bad padding");
        }
        int end = plain.length - pad;
        int len = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (len < 0 || 20 + len > end) {
            throw new CryptoException("bad message length");
        }
        String msg = new String(plain, 20, len, StandardCharsets.UTF_8);
        String id = new String(Arrays.copyOfRange(plain, 20 + len, end), StandardCharsets.UTF_8);
        return new Opened(msg, id);
    }

    // ---- shared ----------------------------------------------------------------------------

    /** Lowercase hex SHA-1 of the four strings sorted ascending and concatenated. */
    public static String signature(String token, String timestamp, String nonce, String encrypt) {
        String[] parts = {token, timestamp, nonce, encrypt};
        Arrays.sort(parts);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (String p : parts) {
                sha1.update(p.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha1.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }

    /** 16-character prefixes and echostr plaintexts use the same alphabet WeCom's examples show. */
    public static String randomAlnum(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }

    /** n random decimal digits, the first never 0 (nonces: 10; echostr plaintexts: 19). */
    public static String randomDigits(int n) {
        StringBuilder sb = new StringBuilder(n);
        sb.append((char) ('1' + RANDOM.nextInt(9)));
        for (int i = 1; i < n; i++) {
            sb.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return sb.toString();
    }

    /** The text of the first {@code Encrypt} element of an envelope (DTDs refused: no XXE). */
    static String encryptElement(String envelopeXml) {
        NodeList nodes = parse(envelopeXml).getElementsByTagName("Encrypt");
        if (nodes.getLength() == 0) {
            throw new CryptoException("envelope has no Encrypt element");
        }
        return nodes.item(0).getTextContent();
    }

    /**
     * Parses XML with doctypes and external entities refused. The JDK's own parser, not whatever
     * {@code newInstance()} finds: that lookup scans the class path's service files at every call, which
     * on a test class path of many jars cost more than the rest of receiving a push.
     */
    public static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new CryptoException("not well-formed XML: " + e.getMessage());
        }
    }

    private byte[] aes(int mode, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(mode, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(aesKey, 0, 16));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES failed: " + e.getMessage());
        }
    }

    private static void requireNotEmpty(String value, String name) {
        if (value == null || value.isEmpty()) {
            // WxJava's SHA1.gen refuses empty parts, so an empty one would be unverifiable.
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    /** A message that cannot be verified or decrypted. */
    public static final class CryptoException extends RuntimeException {
        public CryptoException(String message) {
            super(message);
        }
    }
}
