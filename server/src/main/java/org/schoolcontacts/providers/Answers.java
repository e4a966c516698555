package org.schoolcontacts.providers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.schoolcontacts.providers.ProviderStore.Authorisation;
import org.schoolcontacts.providers.ProviderStore.CorpInfo;
import org.schoolcontacts.providers.ProviderStore.SuiteRow;
import org.schoolcontacts.tokens.Tokens;

/** The JSON of get_permanent_code and get_auth_info (spec 2.6, 2.7), built from one snapshot. */
final class Answers {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String LOGO = "http://p.qpic.cn/wwhead/school-contacts/logo/";
    /** 2100-01-01T00:00:00Z: verified corps stay verified for the emulator's lifetime. */
    static final long VERIFIED_END_TIME = 4102444800L;

    private Answers() {}

    record Snapshot(SuiteRow suite, Authorisation auth, CorpInfo corp) {}

    static ObjectNode permanentCodeV1(Snapshot s, Tokens.Issued corpToken) {
        ObjectNode out = NODES.objectNode();
        if (corpToken != null) {
            out.put("access_token", corpToken.accessToken());
            out.put("expires_in", corpToken.expiresIn());
        }
        out.put("permanent_code", s.auth().permanentCode());
        out.set("auth_corp_info", corpInfo(s, true, false));
        out.set("auth_info", authInfo(s));
        out.set("auth_user_info", authUser(s));
        state(out, s);
        return out;
    }

    static ObjectNode permanentCodeV2(Snapshot s) {
        ObjectNode out = NODES.objectNode();
        out.put("permanent_code", s.auth().permanentCode());
        ObjectNode corp = out.putObject("auth_corp_info");
        corp.put("corpid", s.corp().corpId());
        corp.put("corp_name", s.corp().name());
        out.set("auth_user_info", authUser(s));
        state(out, s);
        return out;
    }

    static ObjectNode authInfo(Snapshot s, boolean v2) {
        ObjectNode out = NODES.objectNode();
        out.set("auth_corp_info", corpInfo(s, !v2, v2));
        out.set("auth_info", authInfo(s));
        return out;
    }

    private static void state(ObjectNode out, Snapshot s) {
        if (s.auth().state() != null && !s.auth().state().isEmpty()) out.put("state", s.auth().state());
    }

    private static ObjectNode corpInfo(Snapshot s, boolean qrcode, boolean exName) {
        CorpInfo c = s.corp();
        ObjectNode n = NODES.objectNode();
        n.put("corpid", c.corpId());
        n.put("corp_name", c.name());
        n.put("corp_type", c.verified() ? "verified" : "unverified");
        n.put("corp_square_logo_url", LOGO + c.corpId());
        n.put("corp_user_max", 10000);
        n.put("corp_full_name", c.name());
        if (c.verified()) n.put("verified_end_time", VERIFIED_END_TIME);
        n.put("subject_type", 1);
        if (qrcode) n.put("corp_wxqrcode", "http://p.qpic.cn/wwhead/school-contacts/" + c.corpId() + "/wxqrcode");
        n.put("corp_scale", "1-50人");
        n.put("corp_industry", "教育");
        n.put("corp_sub_industry", "初中等教育");
        if (exName) n.putObject("corp_ex_name").put("name_list", "");
        return n;
    }

    private static ObjectNode authInfo(Snapshot s) {
        boolean agency = s.suite().kind() == SuiteKind.AGENCY;
        ObjectNode info = NODES.objectNode();
        ObjectNode agent = info.putArray("agent").addObject();
        agent.put("agentid", s.auth().agentid());
        agent.put("name", s.suite().suite().name());
        agent.put("round_logo_url", LOGO + s.suite().id());
        agent.put("square_logo_url", LOGO + s.suite().id());
        agent.put("appid", 1);
        agent.put("auth_mode", 0);
        agent.put("is_customized_app", agency);
        agent.put("auth_from_thirdapp", false);
        ObjectNode privilege = agent.putObject("privilege");
        privilege.put("level", agency ? 0 : 1);
        privilege.putArray("allow_party").add(1);
        for (String f : new String[] {"allow_user", "allow_tag", "extra_party", "extra_user", "extra_tag"}) privilege.putArray(f);
        return info;
    }

    private static ObjectNode authUser(Snapshot s) {
        ObjectNode u = NODES.objectNode();
        String userid = s.auth().adminUserid();
        u.put("userid", userid);
        u.put("open_userid", Derived.openUserid(s.suite().providerCorpId(), s.corp().corpId(), userid));
        u.put("name", userid);
        u.put("avatar", "http://wx.qlogo.cn/mmhead/school-contacts/" + userid);
        return u;
    }

    static ArrayNode array() { return NODES.arrayNode(); }
}
