package org.schoolcontacts.junit5;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.schoolcontacts.SchoolContacts;
import org.schoolcontacts.ServerConfig;
import org.schoolcontacts.admin.Seeder;
import org.schoolcontacts.storage.StoreConfig;

/**
 * The engine behind {@link SchoolContactsServer}. Each server gets its own port and temporary folder,
 * so test classes may run in parallel; the folder is deleted when the server stops.
 */
public final class SchoolContactsExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SchoolContactsExtension.class);
    private static final String WXCP = "me.chanjar.weixin.cp.api.WxCpService";

    /** A started server and its folder; closing it stops the server and deletes the folder. */
    static final class Running implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final SchoolContacts server;
        final SchoolContactsHandle handle;
        final Path folder;

        Running(SchoolContacts server, Path folder) {
            this.server = server;
            this.handle = new SchoolContactsHandle(server);
            this.folder = folder;
        }

        @Override
        public void close() {
            try {
                server.close();
            } finally {
                deleteTree(folder);
            }
        }
    }

    /** Starts a server as the annotation describes (also usable without JUnit, e.g. by benchmarks). */
    public static SchoolContactsHandle startForAnnotation(SchoolContactsServer a) {
        return start(a).handle;
    }

    static Running start(SchoolContactsServer a) {
        Path folder;
        try {
            folder = Files.createTempDirectory("school-contacts-test-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        StoreConfig store = a == null || a.dbUrl().isEmpty() ? StoreConfig.embedded(folder)
                : StoreConfig.external(a.dbUrl(), a.dbUser().isEmpty() ? null : a.dbUser(), a.dbPassword().isEmpty() ? null : a.dbPassword());
        ServerConfig config = ServerConfig.embeddedOnFreePort(folder).withStore(store);
        if (a != null && !a.seed().isEmpty()) config = config.withSeed(loadSeed(a.seed()));
        if (a != null && !a.adminToken().isEmpty()) config = config.withAdminToken(a.adminToken());
        try {
            SchoolContacts server = SchoolContacts.start(config);
            Running running = new Running(server, folder);
            if (!store.isEmbedded()) running.handle.reset();
            return running;
        } catch (RuntimeException e) {
            deleteTree(folder);
            throw e;
        }
    }

    private static JsonNode loadSeed(String seed) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(seed.startsWith("/") ? seed.substring(1) : seed)) {
            if (in != null) return Seeder.readText(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Seeder.readFile(Path.of(seed));
    }

    private static SchoolContactsServer annotation(ExtensionContext ctx) {
        return AnnotationSupport.findAnnotation(ctx.getRequiredTestClass(), SchoolContactsServer.class).orElse(null);
    }

    private static boolean perMethod(ExtensionContext ctx) {
        SchoolContactsServer a = annotation(ctx);
        return a != null && a.lifecycle() == SchoolContactsServer.Lifecycle.PER_METHOD;
    }

    @Override
    public void beforeAll(ExtensionContext ctx) {
        if (!perMethod(ctx)) ctx.getStore(NS).put("server", start(annotation(ctx)));
    }

    @Override
    public void afterAll(ExtensionContext ctx) {
        // the store closes the class-level server
    }

    @Override
    public void beforeEach(ExtensionContext ctx) throws IllegalAccessException {
        if (perMethod(ctx)) ctx.getStore(NS).put("server", start(annotation(ctx)));
        Running running = running(ctx);
        for (Object instance : ctx.getRequiredTestInstances().getAllInstances()) {
            for (Class<?> c = instance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    Object value = valueFor(f.getType(), running, ctx);
                    if (value != null && !java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                        f.setAccessible(true);
                        f.set(instance, value);
                    }
                }
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext ctx) {
        // a per-method server is closed with the method's store
    }

    private static Running running(ExtensionContext ctx) {
        for (ExtensionContext c = ctx; c != null; c = c.getParent().orElse(null)) {
            Running r = c.getStore(NS).get("server", Running.class);
            if (r != null) return r;
        }
        throw new IllegalStateException("no school-contacts server started for " + ctx.getDisplayName());
    }

    private static Object valueFor(Class<?> type, Running running, ExtensionContext ctx) {
        if (type == SchoolContactsHandle.class) return running.handle;
        if (type.getName().equals(WXCP) || type.getName().equals("me.chanjar.weixin.cp.api.impl.WxCpServiceImpl")) {
            return WxJavaSupport.service(running.handle, running.handle.editSecret(), running.handle.app(
                    org.schoolcontacts.corps.SchoolPermission.EDIT).agentid());
        }
        return null;
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext ctx) {
        Class<?> t = p.getParameter().getType();
        return t == SchoolContactsHandle.class || t.getName().equals(WXCP)
                || t.getName().equals("me.chanjar.weixin.cp.api.impl.WxCpServiceImpl");
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext ctx) {
        Object v = valueFor(p.getParameter().getType(), running(ctx), ctx);
        if (v == null) throw new ParameterResolutionException("cannot supply " + p.getParameter().getType());
        return v;
    }

    static void deleteTree(Path folder) {
        if (folder == null || !Files.exists(folder)) return;
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp folder
        }
    }
}
