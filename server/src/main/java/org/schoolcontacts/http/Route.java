package org.schoolcontacts.http;

import org.schoolcontacts.corps.Access;

/** One WeCom endpoint: its method, path, the access it needs and the success errmsg it documents. */
public record Route(Method method, String path, Access access, SchoolHandler handler) {
    public enum Method { GET, POST }
}
