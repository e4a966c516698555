package org.schoolcontacts.providers;

/**
 * The plaintexts of the notices on a suite's instruction URL (spec 1.3): string values in CDATA,
 * TimeStamp a bare integer, elements in the doc's order, no declaration and no whitespace.
 */
final class NoticeXml {
    private NoticeXml() {}

    static String suiteTicket(String suiteId, long timeStamp, String ticket) {
        return "<xml>" + cdata("SuiteId", suiteId) + cdata("InfoType", "suite_ticket") + bare("TimeStamp", timeStamp)
                + cdata("SuiteTicket", ticket) + "</xml>";
    }

    static String createAuth(String suiteId, String authCode, long timeStamp, String state) {
        return "<xml>" + cdata("SuiteId", suiteId) + cdata("AuthCode", authCode) + cdata("InfoType", "create_auth")
                + bare("TimeStamp", timeStamp) + cdata("State", state == null ? "" : state) + cdata("ExtraInfo", "") + "</xml>";
    }

    static String changeAuth(String suiteId, long timeStamp, String corpId, String state) {
        return "<xml>" + cdata("SuiteId", suiteId) + cdata("InfoType", "change_auth") + bare("TimeStamp", timeStamp)
                + cdata("AuthCorpId", corpId) + cdata("State", state == null ? "" : state) + cdata("ExtraInfo", "") + "</xml>";
    }

    static String cancelAuth(String suiteId, long timeStamp, String corpId) {
        return "<xml>" + cdata("SuiteId", suiteId) + cdata("InfoType", "cancel_auth") + bare("TimeStamp", timeStamp)
                + cdata("AuthCorpId", corpId) + "</xml>";
    }

    private static String cdata(String name, String value) {
        // "]]>" cannot occur in our ids and codes; split it anyway so no value can end the section
        return "<" + name + "><![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]></" + name + ">";
    }

    private static String bare(String name, long value) { return "<" + name + ">" + value + "</" + name + ">"; }
}
