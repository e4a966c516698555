package org.schoolcontacts.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts an in-process school-contacts server for the annotated test class: a free port, the embedded
 * store in a temporary folder, and the built-in demo school (or {@link #seed()}). Test methods and
 * fields of type {@link SchoolContactsHandle} get a handle to it; with WxJava on the test classpath,
 * parameters and fields of type {@code me.chanjar.weixin.cp.api.WxCpService} get a service pointed at
 * it with the seed's first edit-permission app. Nothing is left running or on disk afterwards.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(SchoolContactsExtension.class)
public @interface SchoolContactsServer {

    /** A seed file: a classpath resource, or else a file path. Empty: the built-in demo school. */
    String seed() default "";

    /** One server for the whole class, or a fresh one (fresh store) for every test method. */
    Lifecycle lifecycle() default Lifecycle.PER_CLASS;

    /** A JDBC URL of PostgreSQL or MariaDB instead of the embedded store (the data is reset on start). */
    String dbUrl() default "";

    String dbUser() default "";

    String dbPassword() default "";

    /** When set, {@code /__admin/*} requires {@code Authorization: Bearer <token>} (running.md). */
    String adminToken() default "";

    enum Lifecycle { PER_CLASS, PER_METHOD }
}
