package org.schoolcontacts.junit5;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The engine behind {@link SchoolContactsServer}; use the annotation rather than this class.
 *
 * <p>Where a server lives: {@code PER_CLASS} in the test class's extension store (shared by its tests
 * and by its {@code @Nested} classes that carry no annotation of their own), {@code PER_METHOD} in each
 * test's store. JUnit closes a store's resources when that scope ends, which stops the server and
 * deletes its folder, also when the test failed. Nothing is kept in static state, so concurrent tests
 * and classes each see only their own server.
 */
public final class SchoolContactsExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SchoolContactsExtension.class);
    private static final String KEY = "server";
    static final String WXCP_SERVICE = "me.chanjar.weixin.cp.api.WxCpService";
    static final String WXCP_SERVICE_IMPL = "me.chanjar.weixin.cp.api.impl.WxCpServiceImpl";

    /**
     * Puts a handle in a store so that JUnit closes it with the store's scope. Both interfaces: JUnit
     * before 5.13 closes only CloseableResource, later versions prefer AutoCloseable; close is idempotent.
     */
    private record Owned(SchoolContactsHandle handle) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() { handle.close(); }
    }

    @Override
    public void beforeAll(ExtensionContext ctx) throws IllegalAccessException {
        Class<?> testClass = ctx.getRequiredTestClass();
        Optional<SchoolContactsServer> own = AnnotationSupport.findAnnotation(testClass, SchoolContactsServer.class);
        SchoolContactsServer a = own.orElseGet(() -> effectiveAnnotation(testClass));
        if (a == null || a.lifecycle() != SchoolContactsServer.Lifecycle.PER_CLASS) return;
        // A @Nested class without its own annotation uses its enclosing class's server.
        if (own.isPresent() || find(ctx.getParent().orElse(null)) == null) {
            ctx.getStore(NS).put(KEY, new Owned(ServerStarter.start(a)));
        }
        injectFields(testClass, null, ctx);
    }

    @Override
    public void beforeEach(ExtensionContext ctx) throws IllegalAccessException {
        SchoolContactsServer a = effectiveAnnotation(ctx.getRequiredTestClass());
        if (a != null && a.lifecycle() == SchoolContactsServer.Lifecycle.PER_METHOD) {
            ctx.getStore(NS).put(KEY, new Owned(ServerStarter.start(a)));
        }
        for (Object instance : ctx.getRequiredTestInstances().getAllInstances()) {
            injectFields(instance.getClass(), instance, ctx);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext ctx) {
        return injectable(p.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext ctx) {
        SchoolContactsHandle handle = find(ctx);
        if (handle == null) {
            throw new ParameterResolutionException("no school-contacts server is running for " + p.getDeclaringExecutable()
                    + ": with lifecycle = PER_METHOD a server exists only during a test, from its @BeforeEach methods on");
        }
        return valueFor(p.getParameter().getType(), handle);
    }

    /** The annotation on the class, its superclasses, or else the nearest enclosing class (for @Nested). */
    private static SchoolContactsServer effectiveAnnotation(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<SchoolContactsServer> a = AnnotationSupport.findAnnotation(c, SchoolContactsServer.class);
            if (a.isPresent()) return a.get();
        }
        return null;
    }

    /** The nearest server: this test's own, else its class's, else an enclosing class's. */
    private static SchoolContactsHandle find(ExtensionContext ctx) {
        for (ExtensionContext c = ctx; c != null; c = c.getParent().orElse(null)) {
            Owned owned = c.getStore(NS).get(KEY, Owned.class);
            if (owned != null) return owned.handle();
        }
        return null;
    }

    /** Assigns the server to fields of the injectable types: static ones when instance is null. */
    private static void injectFields(Class<?> type, Object instance, ExtensionContext ctx) throws IllegalAccessException {
        SchoolContactsHandle handle = null;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                boolean isStatic = Modifier.isStatic(f.getModifiers());
                if (isStatic != (instance == null) || Modifier.isFinal(f.getModifiers()) || !injectable(f.getType())) continue;
                if (handle == null) handle = find(ctx);
                if (handle == null) {
                    if (isStatic) continue; // PER_METHOD: no server yet before all tests; see the annotation's docs
                    throw new ExtensionConfigurationException("no school-contacts server for field " + f);
                }
                f.setAccessible(true);
                f.set(instance, valueFor(f.getType(), handle));
            }
        }
    }

    // WxJava types are compared by name so that this class loads and runs without WxJava.
    private static boolean injectable(Class<?> type) {
        return type == SchoolContactsHandle.class || type.getName().equals(WXCP_SERVICE) || type.getName().equals(WXCP_SERVICE_IMPL);
    }

    private static Object valueFor(Class<?> type, SchoolContactsHandle handle) {
        if (type == SchoolContactsHandle.class) return handle;
        return handle.wxCpService(handle.editSecret());
    }
}
