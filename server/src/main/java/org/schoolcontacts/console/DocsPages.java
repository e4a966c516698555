package org.schoolcontacts.console;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.schoolcontacts.http.PageRoute;
import org.schoolcontacts.http.PageRoute.Response;

/**
 * {@code /docs}: README and the guides of {@code docs/}, packed into the jar by the build, shown as
 * text (Markdown reads well as it is), so a running server documents itself without network access.
 */
final class DocsPages {
    private static final String ROOT = "docs/";

    private final Console console;

    DocsPages(Console console) { this.console = console; }

    List<PageRoute> routes() {
        return List.of(
                new PageRoute("GET", "/docs", true, r -> index()),
                new PageRoute("GET", "/docs/{name}", true, r -> doc(r.pathParam().apply("name"))));
    }

    private Response index() {
        List<String> names = names();
        Html h = new Html();
        if (names.isEmpty()) {
            h.tag("<p>This build carries no documentation.</p>");
        } else {
            h.tag("<ul>");
            for (String n : names) h.tag("<li>").link("/docs/" + Html.url(n), n).tag("</li>");
            h.tag("</ul>");
        }
        return Response.html(console.frame("Documentation", "/docs", null, h.toString()));
    }

    private Response doc(String name) {
        // only plain file names of the packed folder: no path can leave it
        if (name == null || !name.matches("[A-Za-z0-9_.-]+\\.md") || !names().contains(name)) {
            return console.notFound("no document " + name);
        }
        try (InputStream in = DocsPages.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Html h = new Html().tag("<p>").link("/docs", "All documents").tag("</p><pre class=\"doc\">").text(text).tag("</pre>");
            return Response.html(console.frame(name, "/docs", null, h.toString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Markdown files packed under {@code docs/}, README first. */
    static List<String> names() {
        URL url = DocsPages.class.getClassLoader().getResource(ROOT);
        List<String> out = new ArrayList<>();
        if (url == null) return out;
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                }
                collect(fs.getPath(ROOT), out);
            } else {
                collect(Path.of(uri), out);
            }
        } catch (Exception e) {
            return out;
        }
        out.sort((a, b) -> a.equals("README.md") ? -1 : b.equals("README.md") ? 1 : a.compareTo(b));
        return out;
    }

    private static void collect(Path dir, List<String> out) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString().replace("/", "")).filter(n -> n.endsWith(".md")).forEach(out::add);
        }
    }
}
