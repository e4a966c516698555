package org.schoolcontacts.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A tiny HTML writer: every piece of text and every attribute value goes through {@link #esc}, so data
 * from a school (names, ids, request bodies) can never become markup. Tags are written by the pages
 * themselves, as literals.
 */
final class Html {
    private final StringBuilder out = new StringBuilder(4096);

    /** Escapes text for element content and for double-quoted attribute values. */
    static String esc(Object value) {
        String s = value == null ? "" : value.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // control characters other than tab/newline would upset the page; show them as U+FFFD
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') b.append('\uFFFD');
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }

    /** One path segment or query value, percent-encoded (spaces as %20). */
    static String url(Object value) {
        return URLEncoder.encode(value == null ? "" : value.toString(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Literal markup written by the page itself (never data). */
    Html tag(String markup) {
        out.append(markup);
        return this;
    }

    /** Escaped text. */
    Html text(Object value) {
        out.append(esc(value));
        return this;
    }

    /** {@code <a href="...">text</a>}; {@code href} is built by the page from {@link #url}-encoded parts. */
    Html link(String href, Object text) {
        out.append("<a href=\"").append(esc(href)).append("\">").append(esc(text)).append("</a>");
        return this;
    }

    /** {@code <tag>text</tag>} with escaped text. */
    Html el(String tag, Object text) {
        out.append('<').append(tag).append('>').append(esc(text)).append("</").append(tag).append('>');
        return this;
    }

    @Override
    public String toString() { return out.toString(); }
}
