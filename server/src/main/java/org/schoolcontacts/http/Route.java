package org.schoolcontacts.http;

import org.schoolcontacts.corps.Access;

/**
 * One WeCom endpoint: its method, path, the access it needs (null: a provider endpoint that checks its
 * own credential) and its handler.
 */
public record Route(Method method, String path, Access access, SchoolHandler handler) {
    public enum Method { GET, POST }
}
