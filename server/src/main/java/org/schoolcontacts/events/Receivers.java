package org.schoolcontacts.events;

import java.util.Optional;
import org.schoolcontacts.events.SuiteCallbacks.SuiteCallback;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.wecom.crypto.WxBizMsgCrypt;

/**
 * Where a delivery goes, read when each attempt is sent (spec events §1.1: fixing a URL and resuming
 * works). App callbacks live here; a suite's instruction URL is looked up through {@link SuiteCallbacks},
 * which the providers feature supplies.
 */
final class Receivers {
    private final Database db;
    private volatile SuiteCallbacks suites = SuiteCallbacks.NONE;

    Receivers(Database db) { this.db = db; }

    void suites(SuiteCallbacks s) { this.suites = s; }

    /**
     * @param accepts app callbacks: any 2xx; suite instruction URLs: the body {@code success}
     *                (trimmed of ASCII whitespace), anything else is the receiver's error
     */
    record Target(String url, WxBizMsgCrypt crypt, String agentid, boolean suite) {
        boolean accepts(Sender.Answer a) {
            if (!suite) return a.is2xx();
            return a.status() != null && a.body() != null && a.body().strip().equals("success");
        }
    }

    Optional<Target> target(DeliveryStore.Head h) {
        if (Receiver.SUITE.equals(h.kind())) {
            return suites.find(h.receiver()).map(s -> new Target(s.url(), new WxBizMsgCrypt(s.token(), s.aesKey(), h.receiver()), "", true));
        }
        return db.read(tx -> Callbacks.find(tx, h.corpId(), h.receiver()))
                .map(cb -> new Target(cb.url(), new WxBizMsgCrypt(cb.token(), cb.aesKey(), h.corpId()), h.receiver(), false));
    }
}
