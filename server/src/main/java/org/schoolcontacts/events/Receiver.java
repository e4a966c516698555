package org.schoolcontacts.events;

/**
 * A receiver fixed when a change commits (spec events §1.1): which stream it queues on, which wire
 * shape it gets, and whose id goes into ToUserName and the ciphertext.
 *
 * @param kind      {@code app} (self-built and agency apps: the app event) or {@code suite} (a
 *                  third-party suite's instruction URL: the notice)
 * @param receiver  the app_id (agentid as text) or the suite_id
 * @param receiveId corpid for apps, suite_id for suites
 * @param agentid   the envelope's AgentID; empty for suites
 * @param batch     the suite asked for the batch shape (§1.4)
 */
public record Receiver(String kind, String streamKey, String corpId, String receiver, String receiveId, String agentid,
                       boolean batch) {
    public static final String APP = "app";
    public static final String SUITE = "suite";
    /** A suite that asked for the batch shape: its change notices are folded together when sent. */
    public static final String SUITE_BATCH = "suite_batch";

    public boolean isSuite() { return SUITE.equals(kind) || SUITE_BATCH.equals(kind); }

    public static boolean isSuite(String kind) { return SUITE.equals(kind) || SUITE_BATCH.equals(kind); }

    public static String appStream(String corpId, String agentid) { return "app:" + corpId + ":" + agentid; }

    public static String suiteStream(String suiteId, String corpId) { return "suite:" + suiteId + ":" + corpId; }

    /** A suite's suite_ticket pushes, which belong to no school. */
    public static String ticketStream(String suiteId) { return "suite:" + suiteId; }

    public static Receiver app(String corpId, String agentid) {
        return new Receiver(APP, appStream(corpId, agentid), corpId, agentid, corpId, agentid, false);
    }

    public static Receiver suite(String suiteId, String corpId, boolean batch) {
        return new Receiver(batch ? SUITE_BATCH : SUITE, suiteStream(suiteId, corpId), corpId, suiteId, suiteId, "", batch);
    }
}
