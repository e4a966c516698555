package org.schoolcontacts.bench;

import io.javalin.Javalin;

/**
 * The do-nothing HTTP floor of the harness: the same Javalin and Jetty as the server, answering every
 * GET and POST with a fixed small JSON object and doing nothing else. Nothing served by Javalin on this
 * machine can be faster. Usage: {@code JavalinFloor PORT}; stops on SIGTERM.
 */
public final class JavalinFloor {
    private JavalinFloor() {}

    public static void main(String[] args) {
        // the server's logging set-up (Jetty at WARN), as the server itself runs
        System.setProperty("logback.configurationFile", "school-contacts-logback.xml");
        int port = Integer.parseInt(args[0]);
        String canned = "{\"errcode\":0,\"errmsg\":\"ok\"}";
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
        });
        app.get("/*", ctx -> ctx.contentType("application/json; charset=UTF-8").result(canned));
        app.post("/*", ctx -> ctx.contentType("application/json; charset=UTF-8").result(canned));
        app.start("127.0.0.1", port);
        System.out.println("javalin floor listening on http://127.0.0.1:" + app.port());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
    }
}
