package org.schoolcontacts.console;

/**
 * Lays a change event's one-line plaintext XML out one element a line, indented by depth, for
 * reading. Text inside CDATA sections (names, ids) is copied untouched, whatever it contains.
 */
final class PlaintextXml {
    private PlaintextXml() {}

    static String indent(String xml) {
        if (xml == null) return "";
        StringBuilder out = new StringBuilder(xml.length() + 64);
        int depth = 0;
        int i = 0;
        boolean lastWasClose = false; // the previous tag was a closing one, or an opening one followed directly by a tag
        while (i < xml.length()) {
            if (xml.startsWith("<![CDATA[", i)) {
                int end = xml.indexOf("]]>", i);
                end = end < 0 ? xml.length() : end + 3;
                out.append(xml, i, end);
                i = end;
                lastWasClose = false;
                continue;
            }
            char c = xml.charAt(i);
            if (c != '<') {
                out.append(c);
                i++;
                lastWasClose = false;
                continue;
            }
            int end = xml.indexOf('>', i);
            if (end < 0) {
                out.append(xml, i, xml.length());
                break;
            }
            String tag = xml.substring(i, end + 1);
            boolean closing = tag.startsWith("</");
            if (closing) depth = Math.max(0, depth - 1);
            if (out.length() > 0 && lastWasClose) out.append('\n').append("  ".repeat(depth));
            out.append(tag);
            if (!closing && !tag.endsWith("/>") && !tag.startsWith("<?")) depth++;
            // a newline goes before the next tag when this one closed an element or opened one with children
            lastWasClose = true;
            i = end + 1;
        }
        return out.toString();
    }
}
