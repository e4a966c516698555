package org.schoolcontacts.junit5;

import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.api.impl.WxCpServiceImpl;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;

/**
 * Builds a WxJava {@code WxCpService} pointed at a test server; only the base URL differs from
 * production set-up. Loaded only when WxJava is on the classpath.
 */
public final class WxJavaSupport {
    private WxJavaSupport() {}

    /** A service acting as the app with this secret (and agentid, may be null) of the first corp. */
    public static WxCpService service(SchoolContactsHandle handle, String secret, Long agentid) {
        WxCpDefaultConfigImpl config = new WxCpDefaultConfigImpl();
        config.setCorpId(handle.corpId());
        config.setCorpSecret(secret);
        if (agentid != null) config.setAgentId(agentid.intValue());
        config.setBaseApiUrl(handle.baseUrl());
        WxCpServiceImpl service = new WxCpServiceImpl();
        service.setWxCpConfigStorage(config);
        return service;
    }
}
