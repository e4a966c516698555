package org.schoolcontacts.events;

import java.util.Objects;
import java.util.Set;

/**
 * A notice to a suite's instruction URL that reports no directory change (spec events §1.3, §2.2,
 * §2.11): a suite_ticket, or an authorisation created, changed or cancelled. Plain values only; the
 * outbox fixes the receiver, builds the plaintext and numbers it in its stream.
 *
 * <p>Streams (§1.1): tickets queue on {@code suite:<suite_id>}; an authorisation's notices queue on
 * {@code suite:<suite_id>:<corpid>}, behind the change notices of that school committed before them,
 * so a receiver never hears of a school's changes after hearing that the school cancelled.
 *
 * @param corpId the school of an auth notice; null for tickets
 */
public record SuiteNotice(String infoType, String suiteId, String corpId, String ticket, String authCode, String state) {
    public static final String SUITE_TICKET = "suite_ticket";
    public static final String CREATE_AUTH = "create_auth";
    public static final String CHANGE_AUTH = "change_auth";
    public static final String CANCEL_AUTH = "cancel_auth";
    private static final Set<String> AUTH = Set.of(CREATE_AUTH, CHANGE_AUTH, CANCEL_AUTH);

    public SuiteNotice {
        Objects.requireNonNull(infoType, "infoType");
        Objects.requireNonNull(suiteId, "suiteId");
        if (AUTH.contains(infoType) == (corpId == null)) throw new IllegalArgumentException("auth notices name a corp, tickets none");
    }

    public static SuiteNotice suiteTicket(String suiteId, String ticket) {
        return new SuiteNotice(SUITE_TICKET, suiteId, null, Objects.requireNonNull(ticket), null, null);
    }

    public static SuiteNotice createAuth(String suiteId, String corpId, String authCode, String state) {
        return new SuiteNotice(CREATE_AUTH, suiteId, corpId, null, Objects.requireNonNull(authCode), state);
    }

    public static SuiteNotice changeAuth(String suiteId, String corpId, String state) {
        return new SuiteNotice(CHANGE_AUTH, suiteId, corpId, null, null, state);
    }

    public static SuiteNotice cancelAuth(String suiteId, String corpId) {
        return new SuiteNotice(CANCEL_AUTH, suiteId, corpId, null, null, null);
    }

    /** WeCom asks for an answer to auth notices within 1000 ms (D-90930 §3.2); other pushes get 5 s. */
    public static boolean isAuthNotice(String infoType) { return AUTH.contains(infoType); }

    String streamKey() {
        return corpId == null ? Receiver.ticketStream(suiteId) : Receiver.suiteStream(suiteId, corpId);
    }

    /** The plaintext inside Encrypt, with the commit time as TimeStamp. */
    String plaintext(long timeStamp) {
        return switch (infoType) {
            case SUITE_TICKET -> Plaintext.suiteTicket(suiteId, timeStamp, ticket);
            case CREATE_AUTH -> Plaintext.createAuth(suiteId, authCode, timeStamp, state);
            case CHANGE_AUTH -> Plaintext.changeAuth(suiteId, timeStamp, corpId, state);
            case CANCEL_AUTH -> Plaintext.cancelAuth(suiteId, timeStamp, corpId);
            default -> throw new IllegalStateException(infoType);
        };
    }
}
