package org.schoolcontacts.junit5;

import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.api.impl.WxCpServiceImpl;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;

/**
 * Builds a WxJava {@code WxCpService} pointed at a test server. Only the base URL differs from a
 * production set-up: retries, token refresh and HTTP client are WxJava's own, so a test sees what
 * production code would. Loaded only when a test asks for WxJava, so WxJava stays optional.
 */
final class WxJavaSupport {
    private WxJavaSupport() {}

    static WxCpService service(String baseUrl, String corpId, String secret, Long agentid) {
        WxCpDefaultConfigImpl config = new WxCpDefaultConfigImpl();
        config.setCorpId(corpId);
        config.setCorpSecret(secret);
        if (agentid != null) config.setAgentId(agentid.intValue());
        config.setBaseApiUrl(baseUrl);
        WxCpServiceImpl service = new WxCpServiceImpl();
        service.setWxCpConfigStorage(config);
        return service;
    }
}
