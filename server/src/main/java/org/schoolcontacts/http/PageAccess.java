package org.schoolcontacts.http;

/** The two pages the transport itself answers for the console: access refused and an unexpected failure. */
final class PageAccess {
    private PageAccess() {}

    static String refused(String loginPath) {
        String how = loginPath == null
                ? "<p>The console answers only browsers on this machine (a loopback address), like <code>/__admin</code>. "
                + "Start the server with <code>--admin-token</code> to open it to other machines.</p>"
                : "<p>This server requires its admin token. <a href=\"" + loginPath + "\">Sign in with the admin token</a>.</p>";
        return frame("Console access refused", "<h1>Console access refused</h1>" + how);
    }

    static String failed() {
        return frame("Console error", "<h1>Something went wrong</h1><p>The server log has the details.</p>"
                + "<p><a href=\"/__console\">Back to the console</a></p>");
    }

    private static String frame(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title><link rel=\"stylesheet\" href=\"/__console/assets/console.css\"></head><body><main>" + body
                + "</main></body></html>";
    }
}
