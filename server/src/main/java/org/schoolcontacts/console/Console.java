package org.schoolcontacts.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.schoolcontacts.Services;
import org.schoolcontacts.admin.Faults;
import org.schoolcontacts.admin.RequestJournal;
import org.schoolcontacts.http.PageRoute;
import org.schoolcontacts.http.PageRoute.Response;

/**
 * The operator's web console at {@code /__console} and the home page at {@code /}: server-rendered
 * HTML over the same domain services and test-time controls that the API and {@code /__admin} use.
 * It never writes SQL of its own and never shows a secret or token.
 */
public final class Console {
    static final String BASE = "/__console";

    private final SchoolPages schools;
    private final ControlPages controls;
    private final LoginPage login;
    private final DocsPages docs;
    private final List<ConsoleSection> sections = new ArrayList<>();

    public Console(Services services, Faults faults, RequestJournal journal, String adminToken) {
        this.schools = new SchoolPages(this, services);
        this.controls = new ControlPages(this, faults, journal);
        this.login = new LoginPage(this, adminToken);
        this.docs = new DocsPages(this);
        // feature sections: the notices inbox here; change-event deliveries through withEventDeliveries
        if (services.notices() != null) add(new NoticePages(this, services.notices()).section());
    }

    /** Adds a feature's pages (see {@link ConsoleSection}); call before {@link #routes}. */
    public Console add(ConsoleSection section) {
        sections.add(section);
        return this;
    }

    /**
     * Adds the change-event deliveries pages ({@code /__console/events}) over the service behind
     * {@code /__admin/events…}; call before {@link #routes}.
     */
    public Console withEventDeliveries(org.schoolcontacts.events.EventDeliveries deliveries) {
        return add(new DeliveryPages(this, deliveries).section());
    }

    /** Escapes text for HTML content and attributes, for a section's own pages. */
    public static String escape(Object text) { return Html.esc(text); }

    /** A complete console page around {@code contentHtml} (already escaped by its author). */
    public String frame(String title, String contentHtml) {
        return frame(title, null, null, contentHtml);
    }

    String frame(String title, String current, String breadcrumbs, String contentHtml) {
        List<Layout.NavItem> nav = new ArrayList<>(List.of(
                new Layout.NavItem("Schools", BASE),
                new Layout.NavItem("Requests", BASE + "/requests"),
                new Layout.NavItem("Faults", BASE + "/faults")));
        for (ConsoleSection s : sections) nav.add(new Layout.NavItem(s.label(), s.href()));
        nav.add(new Layout.NavItem("Health", "/__admin/health"));
        return Layout.page(title, nav, current, breadcrumbs, contentHtml);
    }

    Response notFound(String what) {
        return Response.html(404, frame("Not found", null, null, "<p>" + Html.esc(what) + "</p><p><a href=\"" + BASE
                + "\">Back to the schools</a></p>"));
    }

    public List<PageRoute> routes() {
        List<PageRoute> routes = new ArrayList<>();
        routes.add(new PageRoute("GET", "/", true, r -> Response.html(home())));
        // browsers ask for it on every page; answered here so it never lands in the request journal as a 404
        routes.add(new PageRoute("GET", "/favicon.ico", true, r -> new Response(204, "image/x-icon", "", null, null)));
        routes.add(new PageRoute("GET", BASE + "/assets/console.css", true, r -> asset("console.css", "text/css; charset=UTF-8")));
        routes.add(new PageRoute("GET", BASE + "/assets/console.js", true, r -> asset("console.js", "text/javascript; charset=UTF-8")));
        routes.addAll(login.routes());
        routes.addAll(docs.routes());
        routes.addAll(schools.routes());
        routes.addAll(controls.routes());
        for (ConsoleSection s : sections) routes.addAll(s.routes());
        return routes;
    }

    private String home() {
        Html h = new Html();
        h.tag("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .tag("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .tag("<title>school-contacts</title><link rel=\"stylesheet\" href=\"/__console/assets/console.css\"></head>")
                .tag("<body><main id=\"main\"><h1>school-contacts</h1>")
                .tag("<p>An emulator of WeCom's home-school contacts API (家校通讯录): point an SDK at this address "
                        + "instead of <code>https://qyapi.weixin.qq.com</code>.</p><ul class=\"home\">")
                .tag("<li><a href=\"/__console\">Console</a> — schools, classes, students and parents, the request journal, fault rules, change-event deliveries, notices</li>")
                .tag("<li><a href=\"/docs\">Documentation</a> — README and the guides, as shipped with this server</li>")
                .tag("<li><a href=\"/__admin/health\">Health check</a> — <code>{\"status\":\"ok\"}</code> when the store answers</li>")
                .tag("</ul></main></body></html>");
        return h.toString();
    }

    private static Response asset(String name, String contentType) {
        try (InputStream in = Console.class.getClassLoader().getResourceAsStream("console/" + name)) {
            if (in == null) throw new IllegalStateException("console asset missing: " + name);
            return Response.text(contentType, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
