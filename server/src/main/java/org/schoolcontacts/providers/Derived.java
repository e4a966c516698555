package org.schoolcontacts.providers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Values derived from ids (spec 3.10), so the same seed and calls give the same values after a reset,
 * and the random codes the provider chain hands out.
 */
public final class Derived {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CODE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    private Derived() {}

    /** Unpadded base64url of SHA-256 of the parts joined with {@code |} (43 characters). */
    public static String b64u(String... parts) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(String.join("|", parts)));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The permanent code of a seeded install that names none. The spec asks for the first 64 characters
     * of b64u, which has only 43; the value continues with b64u of the same input plus {@code |2}.
     */
    public static String permanentCode(String suiteId, String corpId) {
        String first = b64u("permanent_code", suiteId, corpId);
        return (first + b64u("permanent_code", suiteId, corpId, "2")).substring(0, 64);
    }

    /** {@code open_userid} of the installing admin in auth_user_info. */
    public static String openUserid(String providerCorpId, String corpId, String userid) {
        return "wo" + b64u("open_userid", providerCorpId, corpId, userid).substring(0, 30);
    }

    /** A parent's {@code external_userid}, assigned at first subscribe. */
    public static String externalUserid(String corpId, String parentUserid) {
        return "wm" + b64u("external_userid", corpId, parentUserid.toLowerCase(Locale.ROOT)).substring(0, 30);
    }

    /** The {@code openid} of an external contact or an outsider. */
    public static String openid(String corpId, String externalUseridOrOutsider) {
        return "o" + b64u("openid", corpId, externalUseridOrOutsider).substring(0, 27);
    }

    /** A user's {@code DeviceId} in OAuth answers. */
    public static String deviceId(String corpId, String userid) {
        return HexFormat.of().withUpperCase().formatHex(sha256("device|" + corpId + "|" + userid.toLowerCase(Locale.ROOT)))
                .substring(0, 32);
    }

    /** A random code of {@code length} characters of {@code [A-Za-z0-9_-]} (tickets, auth codes, permanent codes). */
    public static String code(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) b.append(CODE_CHARS.charAt(RANDOM.nextInt(CODE_CHARS.length())));
        return b.toString();
    }

    /** An opaque token (suite and provider tokens), shaped like the corp tokens. */
    public static String token() {
        byte[] bytes = new byte[60];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
