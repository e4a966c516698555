package org.schoolcontacts.console;

import java.util.List;

/** The frame of every console page: a skip link, the navigation, a heading and the page's content. */
final class Layout {
    private Layout() {}

    /** One entry of the navigation bar. */
    record NavItem(String label, String href) {}

    static String page(String title, List<NavItem> nav, String current, String breadcrumbs, String content) {
        Html h = new Html();
        h.tag("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .tag("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .tag("<title>").text(title).tag(" · school-contacts console</title>")
                .tag("<link rel=\"stylesheet\" href=\"/__console/assets/console.css\">")
                .tag("<script src=\"/__console/assets/console.js\" defer></script></head><body>")
                .tag("<a class=\"skip\" href=\"#main\">Skip to content</a>")
                .tag("<header><nav aria-label=\"Console\"><span class=\"brand\">school-contacts</span><ul>");
        for (NavItem item : nav) {
            h.tag("<li><a href=\"").text(item.href()).tag("\"");
            if (item.href().equals(current)) h.tag(" aria-current=\"page\"");
            h.tag(">").text(item.label()).tag("</a></li>");
        }
        h.tag("</ul></nav></header><main id=\"main\" tabindex=\"-1\">");
        if (breadcrumbs != null && !breadcrumbs.isEmpty()) h.tag("<nav aria-label=\"Breadcrumb\" class=\"crumbs\">").tag(breadcrumbs).tag("</nav>");
        h.tag("<h1>").text(title).tag("</h1>").tag(content).tag("</main></body></html>");
        return h.toString();
    }
}
