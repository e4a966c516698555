package org.schoolcontacts.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.schoolcontacts.http.EndpointFamily;
import org.schoolcontacts.http.Reply;
import org.schoolcontacts.http.Routes;
import org.schoolcontacts.http.SchoolCall;
import org.schoolcontacts.tokens.Tokens;
import org.schoolcontacts.wecom.JsonFields;

/** {@code /cgi-bin/service/*}: the provider chain of spec 2. Each handler checks its own credential. */
final class ServiceEndpoints implements EndpointFamily {
    private final Providers providers;

    ServiceEndpoints(Providers providers) { this.providers = providers; }

    @Override
    public void register(Routes routes) {
        routes.servicePost("/cgi-bin/service/get_suite_token", c -> {
            Tokens.Issued t = providers.suiteToken(text(c, "suite_id"), text(c, "suite_secret"), text(c, "suite_ticket"));
            return token("suite_access_token", t);
        });
        routes.serviceGet("/cgi-bin/service/get_pre_auth_code", c -> {
            Tokens.Issued t = providers.preAuthCode(c.query("suite_access_token"));
            return token("pre_auth_code", t);
        });
        routes.servicePost("/cgi-bin/service/set_session_info", c -> {
            providers.setSessionInfo(c.query("suite_access_token"), c.body());
            return Reply.ok();
        });
        routes.servicePost("/cgi-bin/service/get_permanent_code",
                c -> Reply.ok(providers.permanentCode(c.query("suite_access_token"), text(c, "auth_code"), false)));
        routes.servicePost("/cgi-bin/service/v2/get_permanent_code",
                c -> Reply.ok(providers.permanentCode(c.query("suite_access_token"), text(c, "auth_code"), true)));
        routes.servicePost("/cgi-bin/service/get_auth_info",
                c -> Reply.ok(providers.authInfo(c.query("suite_access_token"), text(c, "auth_corpid"), text(c, "permanent_code"), false)));
        routes.servicePost("/cgi-bin/service/v2/get_auth_info",
                c -> Reply.ok(providers.authInfo(c.query("suite_access_token"), text(c, "auth_corpid"), text(c, "permanent_code"), true)));
        routes.servicePost("/cgi-bin/service/get_corp_token", c -> {
            Tokens.Issued t = providers.corpToken(c.query("suite_access_token"), text(c, "auth_corpid"), text(c, "permanent_code"));
            return token("access_token", t);
        });
        routes.servicePost("/cgi-bin/service/get_provider_token", c -> {
            Tokens.Issued t = providers.providerToken(text(c, "corpid"), text(c, "provider_secret"));
            return token("provider_access_token", t);
        });
    }

    /** A body field as text; absent, null and wrongly typed values read as absent here, the domain decides the code. */
    private static String text(SchoolCall c, String field) {
        try {
            return JsonFields.string(c.body(), field).orElse(null);
        } catch (org.schoolcontacts.wecom.WeComException e) {
            return null;
        }
    }

    private static Reply token(String field, Tokens.Issued t) {
        ObjectNode fields = Reply.object();
        fields.put(field, t.accessToken());
        fields.put("expires_in", t.expiresIn());
        return Reply.ok(fields);
    }
}
