package org.schoolcontacts.events;

import java.util.Optional;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.wecom.crypto.WxBizMsgCrypt;

/**
 * Where a delivery goes, read when its first attempt is sent (spec events §1.1: fixing a URL and
 * resuming works): an app's callback (or an agency app's template callback), or a third-party suite's
 * instruction URL.
 */
final class Receivers {
    private final Database db;

    Receivers(Database db) { this.db = db; }

    /**
     * @param suite app callbacks accept any 2xx; suite instruction URLs must answer {@code success}
     *              (trimmed of ASCII whitespace), anything else is the receiver's error
     */
    record Target(String url, WxBizMsgCrypt crypt, String agentid, boolean suite) {
        boolean accepts(Sender.Answer a) {
            if (!suite) return a.is2xx();
            return a.status() != null && a.body() != null && a.body().strip().equals("success");
        }
    }

    Optional<Target> target(DeliveryStore.Head h) {
        if (Receiver.isSuite(h.kind())) {
            return db.read(tx -> Callbacks.suite(tx, h.receiver()))
                    .map(s -> new Target(s.url(), new WxBizMsgCrypt(s.token(), s.aesKey(), h.receiver()), "", true));
        }
        return db.read(tx -> Callbacks.forDelivery(tx, h.corpId(), h.receiver()))
                .map(cb -> new Target(cb.url(), new WxBizMsgCrypt(cb.token(), cb.aesKey(), h.corpId()), h.receiver(), false));
    }
}
