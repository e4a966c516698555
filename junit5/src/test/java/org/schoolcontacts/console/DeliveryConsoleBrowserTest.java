package org.schoolcontacts.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.schoolcontacts.browser.Browser;
import org.schoolcontacts.junit5.EventReceiver;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * Change-event deliveries in a real browser (headless Chromium), with a real receiver on a real socket:
 * the operator opens Events from the navigation, pauses the receiver, sees a change queue, resumes and
 * drains it with the keyboard, then reads the delivered event's plaintext in the list and on its page.
 * Screenshots land in target/screenshots/.
 */
@SchoolContactsServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryConsoleBrowserTest {
    private static final String CORP = "wwschool00000001";
    private static final String STREAM = "app:" + CORP + ":1000001";

    SchoolContactsHandle school;
    private Browser browser;
    private WebDriver web;
    private EventReceiver receiver;

    @BeforeAll
    void start(SchoolContactsHandle handle) {
        receiver = EventReceiver.start("BrowserTok01", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", CORP);
        handle.events().configureCallback(CORP, 1000001, receiver);
        browser = Browser.start();
        web = browser.driver();
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (receiver != null) receiver.close();
    }

    /** Presses a button from the keyboard (Enter on the focused button) and waits for the next page. */
    private void press(WebElement button) {
        button.sendKeys(Keys.ENTER);
        browser.awaitGone(button);
    }

    @Test
    void anOperatorPausesResumesDrainsAndReadsADeliveredEventsPlaintext() throws Exception {
        web.get(school.baseUrl() + "/__console");
        WebElement nav = web.findElement(By.linkText("Events"));
        nav.click();
        browser.awaitGone(nav);
        assertThat(web.findElement(By.tagName("h1")).getText()).isEqualTo("Change-event deliveries");
        assertThat(web.findElement(By.cssSelector("table.streams")).getText()).contains(STREAM).contains(receiver.url()).contains("active");

        press(web.findElement(By.cssSelector("button[aria-label='Pause " + STREAM + "']")));
        assertThat(web.findElement(By.cssSelector("table.streams tbody tr")).getText()).contains("paused");
        school.editor().post("/cgi-bin/school/user/create_student", "{\"student_userid\":\"lin.xiao\",\"name\":\"林晓\",\"department\":[11]}");
        web.navigate().refresh();
        WebElement row = web.findElement(By.cssSelector("table.deliveries tbody tr"));
        assertThat(row.getText()).contains("create_student lin.xiao").contains("pending");
        browser.screenshot("events-1-paused-with-a-queued-event");
        assertThat(receiver.events()).isEmpty();

        press(web.findElement(By.cssSelector("button[aria-label='Resume " + STREAM + "']")));
        press(web.findElement(By.xpath("//button[starts-with(text(), 'Drain all')]")));
        assertThat(web.findElement(By.cssSelector("p.notice")).getText()).startsWith("Drained every receiver");
        assertThat(receiver.awaitEvents(1, Duration.ofSeconds(10))).isTrue();
        assertThat(receiver.summaries()).containsExactly("create_student lin.xiao");

        row = web.findElement(By.cssSelector("table.deliveries tbody tr"));
        assertThat(row.findElement(By.cssSelector("td.status")).getText()).isEqualTo("delivered");
        WebElement summary = row.findElement(By.tagName("summary"));
        summary.sendKeys(Keys.ENTER); // a <details> opens from the keyboard too
        String plaintext = row.findElement(By.cssSelector("pre.plaintext")).getText();
        assertThat(plaintext).contains("<ChangeType><![CDATA[create_student]]></ChangeType>").contains("<Id><![CDATA[lin.xiao]]></Id>");
        // what the receiver decrypted is what the page shows, element by element
        assertThat(plaintext.replaceAll("\\s*\n\\s*", "")).isEqualTo(receiver.events().get(0).plaintext());
        browser.screenshot("events-2-delivered-plaintext");

        WebElement link = row.findElement(By.cssSelector("td a"));
        link.click();
        browser.awaitGone(link);
        assertThat(web.findElement(By.tagName("h1")).getText()).isEqualTo("Delivery create_student lin.xiao");
        assertThat(web.findElement(By.cssSelector("table.attempts tbody")).getText()).contains("200");
        assertThat(web.findElement(By.cssSelector("pre.plaintext")).getText()).contains("<Event><![CDATA[change_school_contact]]></Event>");
        assertThat(web.getPageSource()).doesNotContain("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG").doesNotContain("BrowserTok01");
        browser.screenshot("events-3-delivery");
    }
}
