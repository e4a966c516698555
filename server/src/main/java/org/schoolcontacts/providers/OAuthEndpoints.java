package org.schoolcontacts.providers;

import org.schoolcontacts.corps.Access;
import org.schoolcontacts.http.EndpointFamily;
import org.schoolcontacts.http.Reply;
import org.schoolcontacts.http.Routes;

/** The school OAuth exchanges of spec 3.9. */
final class OAuthEndpoints implements EndpointFamily {
    private final OAuth oauth;

    OAuthEndpoints(OAuth oauth) { this.oauth = oauth; }

    @Override
    public void register(Routes routes) {
        routes.get("/cgi-bin/school/getuserinfo", Access.ANY, c -> Reply.ok(oauth.schoolUserInfo(c.caller(), c.query("code"))));
        routes.get("/cgi-bin/auth/getuserinfo", Access.ANY, c -> Reply.ok(oauth.authUserInfo(c.caller(), c.query("code"), false)));
        // legacy path WxJava's WxCpSchoolUserService.getUserInfo calls (agentid ignored, spec 6 no. 38)
        routes.get("/cgi-bin/user/getuserinfo", Access.ANY, c -> Reply.ok(oauth.authUserInfo(c.caller(), c.query("code"), true)));
        routes.serviceGet("/cgi-bin/service/school/getuserinfo3rd",
                c -> Reply.ok(oauth.userInfo3rd(c.query("suite_access_token"), c.query("code"))));
    }
}
