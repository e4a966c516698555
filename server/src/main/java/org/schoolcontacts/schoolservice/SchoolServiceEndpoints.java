package org.schoolcontacts.schoolservice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.schoolcontacts.corps.Access;
import org.schoolcontacts.http.EndpointFamily;
import org.schoolcontacts.http.Reply;
import org.schoolcontacts.http.Routes;
import org.schoolcontacts.wecom.JsonFields;

/** The endpoints of spec 3.2-3.8, with the permissions of its index (3.1). */
public final class SchoolServiceEndpoints implements EndpointFamily {
    private final SchoolService service;

    public SchoolServiceEndpoints(SchoolService service) { this.service = service; }

    @Override
    public void register(Routes routes) {
        routes.post("/cgi-bin/school/set_arch_sync_mode", Access.EDIT, c -> {
            service.setArchSyncMode(c.caller(), c.body());
            return Reply.ok();
        });
        routes.get("/cgi-bin/externalcontact/get_subscribe_qr_code", Access.READ, c -> Reply.ok(service.subscribeQrCode(c.caller())));
        routes.post("/cgi-bin/externalcontact/set_subscribe_mode", Access.EDIT, c -> {
            service.setSubscribeMode(c.caller(), c.body());
            return Reply.ok();
        });
        // the doc's table asks edit even to read the mode (spec 3.1, "sic")
        routes.get("/cgi-bin/externalcontact/get_subscribe_mode", Access.EDIT, c -> {
            ObjectNode out = Reply.object();
            out.put("subscribe_mode", service.subscribeMode(c.caller()));
            return Reply.ok(out);
        });
        routes.get("/cgi-bin/externalcontact/get", Access.READ, c -> Reply.ok(service.externalContact(c.caller(), c.query("external_userid"))));
        routes.get("/cgi-bin/school/agent/get_allow_scope", Access.READ, c -> Reply.ok(service.allowScope(c.caller(), c.query("agentid"))));
        routes.post("/cgi-bin/externalcontact/convert_to_openid", Access.READ, c -> {
            // an empty body falls back to the query parameter: EasyWeChat sends a GET
            String id = JsonFields.string(c.body(), "external_userid").orElse(c.query("external_userid"));
            ObjectNode out = Reply.object();
            out.put("openid", service.convertToOpenid(c.caller(), id));
            return Reply.ok(out);
        });
        routes.post("/cgi-bin/school/set_upgrade_info", Access.EDIT, c -> {
            ObjectNode out = Reply.object();
            out.put("next_upgrade_time", service.setUpgradeInfo(c.caller(), c.body()));
            return Reply.ok(out);
        });
        routes.post("/cgi-bin/externalcontact/batch_to_external_userid", Access.EDIT,
                c -> Reply.ok(service.batchToExternalUserid(c.caller(), c.body())));
    }
}
