package org.schoolcontacts.console;

import java.util.List;
import org.schoolcontacts.http.PageRoute;

/**
 * The console's extension point: a feature that wants pages of its own (change-event deliveries, the
 * notices inbox, ...) gives a navigation label, the page the label links to and its routes, and passes
 * the section to {@link Console}. Its pages are plain {@link PageRoute}s under {@code /__console/...},
 * behind the same access rule; {@link Console#frame} gives them the console's look and
 * {@link Console#escape} escapes their text. Add sections with {@link Console#add} before the server starts.
 */
public record ConsoleSection(String label, String href, List<PageRoute> routes) {
    public ConsoleSection {
        if (!href.startsWith("/__console/")) throw new IllegalArgumentException("console sections live under /__console/: " + href);
        routes = List.copyOf(routes);
    }
}
