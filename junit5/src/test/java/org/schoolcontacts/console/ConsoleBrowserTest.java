package org.schoolcontacts.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.schoolcontacts.browser.Browser;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * The console in a real browser (headless Chromium): an operator walks from the school to a class to
 * a student, searches, reads a request in the journal and adds and removes a fault rule, with the
 * keyboard where it matters. Screenshots land in target/screenshots/.
 */
@SchoolContactsServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
    private static final String CORP = "wwschool00000001";

    SchoolContactsHandle school;
    private Browser browser;
    private WebDriver web;

    @BeforeAll
    void startBrowser(SchoolContactsHandle handle) {
        handle.editor().post("/cgi-bin/school/user/batch_create_student", """
                {"students":[{"student_userid":"wang.xm","name":"王小明","department":[11]},
                             {"student_userid":"zhao.lei","name":"赵磊","department":[11]},
                             {"student_userid":"evil","name":"<img src=x onerror=alert(1)>","department":[11]}]}""");
        handle.editor().post("/cgi-bin/school/user/create_parent", """
                {"parent_userid":"wang.father","mobile":"13712345678","children":[{"student_userid":"wang.xm","relation":"爸爸"}]}""");
        browser = Browser.start();
        web = browser.driver();
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) browser.close();
    }

    private void open(String path) {
        web.get(school.baseUrl() + path);
    }

    private void click(String linkText) {
        WebElement link = web.findElement(By.linkText(linkText));
        link.click();
        browser.awaitGone(link);
    }

    @Test
    void anOperatorWalksFromTheSchoolToAClassToAStudent() {
        open("/");
        click("Console");
        assertThat(web.findElement(By.tagName("h1")).getText()).isEqualTo("Schools");
        browser.screenshot("console-1-schools");

        click("Demo Primary School");
        assertThat(web.findElement(By.cssSelector("ul.tree")).getText()).contains("Class 1").contains("students");
        browser.screenshot("console-2-school-tree");

        click("Class 1");
        assertThat(web.findElement(By.tagName("h1")).getText()).isEqualTo("Class 1");
        assertThat(web.findElement(By.cssSelector("table.people")).getText()).contains("s0001").contains("Li Lei").contains("p0001");
        browser.screenshot("console-3-class");

        click("s0001");
        String page = web.findElement(By.cssSelector("dl.fields")).getText();
        assertThat(page).contains("student_userid").contains("s0001").contains("Li Lei").contains("Class 1")
                .contains("p0001").contains("父亲").contains("13900000001");
        browser.screenshot("console-4-student");

        click("p0001");
        assertThat(web.findElement(By.cssSelector("dl.fields")).getText()).contains("parent_userid").contains("13900000001")
                .contains("s0001");
    }

    @Test
    void searchingAClassByMobileShowsOnlyTheStudentWhoseParentHasIt() {
        open("/__console/schools/" + CORP + "/classes/11");
        WebElement box = web.findElement(By.id("q"));
        assertThat(web.findElement(By.cssSelector("label[for=q]")).getText()).contains("name, userid or mobile");
        box.sendKeys("1371234");
        box.sendKeys(Keys.ENTER);
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=status]")));
        List<String> students = web.findElements(By.cssSelector("table.people"))
                .get(0).findElements(By.cssSelector("tbody tr td:first-child")).stream().map(WebElement::getText).toList();
        assertThat(students).containsExactly("wang.xm");
        assertThat(web.findElement(By.cssSelector("[role=status]")).getText()).startsWith("1 of 4 students");
        browser.screenshot("console-5-search");

        // by name, in the school-wide search
        open("/__console/schools/" + CORP + "/search?q=%E8%B5%B5");  // 赵
        assertThat(web.findElement(By.cssSelector("table.people tbody")).getText()).contains("zhao.lei").doesNotContain("wang.xm");
    }

    @Test
    void aRequestShowsInTheJournalWithItsBodyAndAnswer() {
        school.editor().post("/cgi-bin/school/user/update_student", "{\"student_userid\":\"nobody.here\",\"name\":\"X\"}");
        open("/__console/requests");
        WebElement path = web.findElement(By.id("f-path"));
        path.sendKeys("/cgi-bin/school/user/update_student");
        web.findElement(By.id("f-code")).sendKeys("60111", Keys.ENTER);
        browser.waiting().until(ExpectedConditions.urlContains("errcode=60111"));
        WebElement row = web.findElement(By.cssSelector("table.journal tbody tr"));
        assertThat(row.getText()).contains("POST").contains("update_student").contains("60111").doesNotContain(school.token(school.editSecret()));
        row.findElement(By.tagName("summary")).click();
        List<WebElement> pres = row.findElements(By.tagName("pre"));
        assertThat(pres.get(0).getText()).contains("\"student_userid\" : \"nobody.here\"");
        assertThat(pres.get(1).getText()).contains("\"errcode\" : 60111");
        browser.screenshot("console-6-journal");
    }

    @Test
    void anAddedFaultAnswersTheApiAndDisappearsWhenRemoved() {
        open("/__console/faults");
        web.findElement(By.id("fault-path")).sendKeys("/cgi-bin/school/user/get");
        web.findElement(By.id("fault-errcode")).sendKeys("45009");
        web.findElement(By.id("fault-times")).sendKeys("1");
        WebElement add = web.findElement(By.xpath("//button[text()='Add fault']"));
        add.click();
        browser.awaitGone(add);
        WebElement rules = web.findElement(By.cssSelector("table.faults"));
        assertThat(rules.getText()).contains("/cgi-bin/school/user/get").contains("errcode 45009");
        browser.screenshot("console-7-fault-added");

        assertThat(school.reader().get("/cgi-bin/school/user/get?userid=s0001").path("errcode").asInt()).isEqualTo(45009);
        assertThat(school.reader().get("/cgi-bin/school/user/get?userid=s0001").path("errcode").asInt()).isZero();

        web.navigate().refresh();
        WebElement remove = web.findElement(By.cssSelector("table.faults button"));
        assertThat(remove.getAttribute("aria-label")).startsWith("Remove fault");
        remove.sendKeys(Keys.ENTER); // buttons work from the keyboard
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("no-faults")));
        assertThat(school.admin("GET", "/__admin/faults", null).path("faults").size()).isZero();
        browser.screenshot("console-8-fault-removed");
    }

    @Test
    void theFirstTabStopSkipsToTheContentAndFocusIsVisible() {
        open("/__console");
        web.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement focused = web.switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Skip to content");
        assertThat(focused.getCssValue("left")).isNotEqualTo("-999px");
        focused.sendKeys(Keys.TAB);
        assertThat(web.switchTo().activeElement().getText()).isEqualTo("Schools");
        assertThat(web.switchTo().activeElement().getCssValue("outline-style")).isEqualTo("solid");
    }

    @Test
    void namesAreShownAsTheTextTheyAreNeverAsMarkup() {
        open("/__console/schools/" + CORP + "/classes/11");
        assertThat(web.findElement(By.cssSelector("table.people")).getText()).contains("<img src=x onerror=alert(1)>");
        assertThat(web.findElements(By.cssSelector("table.people img"))).isEmpty();
    }
}
