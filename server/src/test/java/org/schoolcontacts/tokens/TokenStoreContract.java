package org.schoolcontacts.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.schoolcontacts.corps.Caller;
import org.schoolcontacts.corps.SchoolPermission;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.StoreContract;
import org.schoolcontacts.wecom.Limits;

abstract class TokenStoreContract extends StoreContract {


    @Test
    void issuedTokenAuthenticatesAsItsApp() {
        Tokens.Issued t = services.tokens().issue(corpId, corpId + "-edit");
        assertThat(t.expiresIn()).isEqualTo(Limits.TOKEN_TTL_SECONDS);
        assertThat(t.accessToken()).matches("[A-Za-z0-9_-]{64,}");
        Caller c = services.tokens().authenticate(t.accessToken());
        assertThat(c.corpId()).isEqualTo(corpId);
        assertThat(c.agentid()).isEqualTo(1000001L);
        assertThat(c.permission()).isEqualTo(SchoolPermission.EDIT);
    }

    @Test
    void repeatedGettokenReturnsTheLiveTokenWithItsRemainingSeconds() {
        Tokens.Issued first = services.tokens().issue(corpId, corpId + "-edit");
        moveClock(1000L * 1000);
        Tokens.Issued again = services.tokens().issue(corpId, corpId + "-edit");
        assertThat(again.accessToken()).isEqualTo(first.accessToken());
        assertThat(again.expiresIn()).isBetween(6198L, 6200L);
    }

    @Test
    void aTokenWithLessThan600SecondsLeftIsReplacedButStaysValid() {
        Tokens.Issued first = services.tokens().issue(corpId, corpId + "-edit");
        moveClock((Limits.TOKEN_TTL_SECONDS - 599) * 1000);
        Tokens.Issued second = services.tokens().issue(corpId, corpId + "-edit");
        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(second.expiresIn()).isEqualTo(Limits.TOKEN_TTL_SECONDS);
        assertThat(services.tokens().authenticate(first.accessToken()).corpId()).isEqualTo(corpId);
    }

    @Test
    void expiredTokenGets42001AndUnknownGets40014() {
        Tokens.Issued t = services.tokens().issue(corpId, corpId + "-edit");
        moveClock(Limits.TOKEN_TTL_SECONDS * 1000);
        assertThat(errcodeOf(() -> services.tokens().authenticate(t.accessToken()))).isEqualTo(42001);
        assertThat(errcodeOf(() -> services.tokens().authenticate("x" + t.accessToken()))).isEqualTo(40014);
        assertThat(errcodeOf(() -> services.tokens().authenticate(""))).isEqualTo(41001);
    }

    @Test
    void differentAppsOfOneCorpGetDifferentTokens() {
        String edit = services.tokens().issue(corpId, corpId + "-edit").accessToken();
        String read = services.tokens().issue(corpId, corpId + "-read").accessToken();
        assertThat(edit).isNotEqualTo(read);
        assertThat(services.tokens().authenticate(read).permission()).isEqualTo(SchoolPermission.READ);
    }

    @Test
    void gettokenRefusalsFollowTheSpecOrder() {
        String other = newCorp();
        assertThat(errcodeOf(() -> services.tokens().issue("", "x"))).isEqualTo(41002);
        assertThat(errcodeOf(() -> services.tokens().issue(corpId, ""))).isEqualTo(41004);
        assertThat(errcodeOf(() -> services.tokens().issue("wwnosuchcorp", "x"))).isEqualTo(40013);
        assertThat(errcodeOf(() -> services.tokens().issue(corpId, other + "-edit"))).isEqualTo(40091);
        assertThat(errcodeOf(() -> services.tokens().issue(corpId, "wrong-secret"))).isEqualTo(40001);
    }

    @Test
    void tokensSurviveReopeningTheStoreAndAreSeenByASecondConnectionPool() throws Exception {
        String token = services.tokens().issue(corpId, corpId + "-edit").accessToken();
        // a second Database over the same store stands for a second server process
        try (Database second = Database.open(storeFor(dialect(), tempDir()))) {
            assertThat(new Tokens(second, clock).authenticate(token).corpId()).isEqualTo(corpId);
        }
    }


    @Test
    void aClockMovedThroughOneProcessIsFollowedByAnotherSharingTheStore() throws Exception {
        String token = services.tokens().issue(corpId, corpId + "-edit").accessToken();
        try (Database second = Database.open(storeFor(dialect(), tempDir()))) {
            Tokens secondTokens = new Tokens(second, org.schoolcontacts.clock.ServerClock.system());
            assertThat(secondTokens.authenticate(token).corpId()).isEqualTo(corpId);
            moveClock(Limits.TOKEN_TTL_SECONDS * 1000);
            assertThat(errcodeOf(() -> secondTokens.authenticate(token))).isEqualTo(42001);
        }
    }

    private void setEnabled(long agentid, boolean enabled) {
        boolean found = db.writeServer(tx -> org.schoolcontacts.corps.CorpStore.setAppEnabled(tx, corpId, agentid, enabled));
        assertThat(found).isTrue();
    }

    @Test
    void gettokenForADisabledAppIs40001() {
        setEnabled(1000001L, false);
        assertThat(errcodeOf(() -> services.tokens().issue(corpId, corpId + "-edit"))).isEqualTo(40001);
        // the other app of the corp is not affected
        assertThat(services.tokens().issue(corpId, corpId + "-read").accessToken()).isNotEmpty();
        setEnabled(1000001L, true);
        assertThat(services.tokens().issue(corpId, corpId + "-edit").accessToken()).isNotEmpty();
    }

    @Test
    void aTokenOfAnAppDisabledAfterIssueIs50003UntilTheAppIsEnabledAgain() {
        String token = services.tokens().issue(corpId, corpId + "-edit").accessToken();
        setEnabled(1000001L, false);
        assertThat(errcodeOf(() -> services.tokens().authenticate(token))).isEqualTo(50003);
        // also through a second connection pool (another server process): the flag is in the store
        try (Database second = Database.open(storeFor(dialect(), tempDir()))) {
            assertThat(errcodeOf(() -> new Tokens(second, clock).authenticate(token))).isEqualTo(50003);
        }
        setEnabled(1000001L, true);
        assertThat(services.tokens().authenticate(token).agentid()).isEqualTo(1000001L);
        // expiry still comes first
        setEnabled(1000001L, false);
        moveClock(Limits.TOKEN_TTL_SECONDS * 1000);
        assertThat(errcodeOf(() -> services.tokens().authenticate(token))).isEqualTo(42001);
    }

    @Test
    void gettokenNamesTheAppItFoundAlsoWhenItRefusesIt() {
        java.util.List<Long> found = new java.util.ArrayList<>();
        services.tokens().issue(corpId, corpId + "-read", found::add);
        setEnabled(1000001L, false);
        errcodeOf(() -> services.tokens().issue(corpId, corpId + "-edit", found::add));
        errcodeOf(() -> services.tokens().issue(corpId, "wrong-secret", found::add));
        assertThat(found).containsExactly(1000002L, 1000001L);
    }
}
