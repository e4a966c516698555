package org.schoolcontacts.http;

import org.schoolcontacts.corps.Access;

/**
 * One WeCom endpoint: its method, path, the access it needs (null: a provider endpoint that checks its
 * own credential), its handler and, for a few hot reads, the read to make in the token check's
 * statement ({@code alongToken}, null for most; see {@link AlongToken}).
 */
public record Route(Method method, String path, Access access, SchoolHandler handler, AlongToken alongToken) {
    public enum Method { GET, POST }

    public Route(Method method, String path, Access access, SchoolHandler handler) {
        this(method, path, access, handler, null);
    }

    /**
     * The read a handler wants made together with its token check, from the query string (null: none
     * for this request); the handler finds it in {@link SchoolCall#readWithToken()} (issue 15).
     */
    @FunctionalInterface
    public interface AlongToken {
        org.schoolcontacts.tokens.Tokens.Along of(java.util.function.Function<String, String> query);
    }
}
