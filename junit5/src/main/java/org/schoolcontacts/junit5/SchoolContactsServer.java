package org.schoolcontacts.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts an in-process school-contacts server for the annotated test class: a port the OS picks, the
 * embedded store in a new temporary folder, and the built-in demo school (or {@link #seed()}).
 *
 * <p>What the tests get: parameters (of test, lifecycle and {@code @BeforeAll} methods) and fields of
 * type {@link SchoolContactsHandle}; and, when WxJava ({@code com.github.binarywang:weixin-java-cp}) is on
 * the test classpath, of type {@code me.chanjar.weixin.cp.api.WxCpService} (or {@code WxCpServiceImpl}):
 * a new service acting as the seed's first edit app, configured as in production except for the base URL.
 * Other apps: {@link SchoolContactsHandle#wxCpService(String)}. Instance fields are assigned before each
 * test, static fields before all tests (for {@code PER_CLASS}); final fields are left alone.
 *
 * <p>Lifecycle: with {@link Lifecycle#PER_CLASS} (default) the class's tests share one server, so use
 * distinct ids per test or call {@link SchoolContactsHandle#reset()} in {@code @BeforeEach}; a
 * {@code @Nested} class without its own annotation shares its enclosing class's server. With
 * {@link Lifecycle#PER_METHOD} every test gets a fresh server (no server exists in {@code @BeforeAll}).
 *
 * <p>Parallel tests: each server has its own port and folder and no state is static, so classes and
 * methods may run concurrently ({@code @Execution(CONCURRENT)}). Concurrent tests of one
 * {@code PER_CLASS} server share its data; use {@code PER_METHOD} for isolation.
 *
 * <p>Afterwards: the server is stopped and its folder deleted when the class (or the test) ends, whether
 * it passed or not; a file that cannot be deleted fails the run rather than being left behind.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(SchoolContactsExtension.class)
public @interface SchoolContactsServer {

    /** A seed file (docs/command-line.md): a classpath resource, or else a file path. Empty: the built-in demo school. */
    String seed() default "";

    /** One server for the whole class, or a fresh one (fresh store) for every test method. */
    Lifecycle lifecycle() default Lifecycle.PER_CLASS;

    /**
     * A JDBC URL of PostgreSQL or MariaDB instead of the embedded store. All data in it is deleted and
     * the seed applied when the server starts, so servers sharing one database must not run in parallel.
     */
    String dbUrl() default "";

    /** User for {@link #dbUrl()}. */
    String dbUser() default "";

    /** Password for {@link #dbUrl()}. */
    String dbPassword() default "";

    /** When set, {@code /__admin/*} requires {@code Authorization: Bearer <token>} (docs/command-line.md); the handle sends it. */
    String adminToken() default "";

    /** How long a server lives. */
    enum Lifecycle {
        /** One server for the test class and its {@code @Nested} classes. */
        PER_CLASS,
        /** A fresh server for each test method. */
        PER_METHOD
    }
}
