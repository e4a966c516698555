package org.schoolcontacts.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * WxJava is optional: users without it get the handle and plain HTTP. The junit5 pom runs this class
 * in a surefire execution of its own whose classpath lacks weixin-java-cp ({@code without-wxjava}); that
 * execution sets the property below, so naming this class in {@code -Dtest} does not also run it on the
 * ordinary classpath, where it would be wrong.
 */
@EnabledIfSystemProperty(named = "schoolcontacts.withoutWxJava", matches = "true",
        disabledReason = "runs only in the without-wxjava surefire execution")
@SchoolContactsServer
class WithoutWxJavaTest {
    SchoolContactsHandle handle;

    @Test
    void theExtensionWorksWhenWxJavaIsNotOnTheClasspath(SchoolContactsHandle h) {
        assertThatThrownBy(() -> Class.forName(SchoolContactsExtension.WXCP_SERVICE)).isInstanceOf(ClassNotFoundException.class);
        assertThat(handle).isSameAs(h);
        assertThat(h.gettoken(h.editSecret()).path("errcode").asInt()).isZero();
        h.advanceClock(60);
        h.reset();
    }

    @Test
    void askingForWxJavaWithoutItSaysWhatIsMissing(SchoolContactsHandle h) {
        assertThatThrownBy(() -> h.wxCpService(h.editSecret())).isInstanceOf(NoClassDefFoundError.class)
                .hasMessageContaining("me/chanjar/weixin/cp");
    }
}
