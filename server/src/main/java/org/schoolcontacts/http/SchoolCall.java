package org.schoolcontacts.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import org.schoolcontacts.corps.Caller;

/** One authenticated school request: the caller, its query parameters and (for POST) its JSON body. */
public final class SchoolCall {
    private final Caller caller;
    private final Function<String, String> query;
    private final JsonNode body;

    public SchoolCall(Caller caller, Function<String, String> query, JsonNode body) {
        this.caller = caller;
        this.query = query;
        this.body = body;
    }

    /** The app behind the access_token; null on provider endpoints, which check their own credential. */
    public Caller caller() { return caller; }

    public String corpId() { return caller == null ? null : caller.corpId(); }

    /** A query parameter, or null when absent. */
    public String query(String name) { return query.apply(name); }

    /** The request body as a JSON object; {@code {}} for GET endpoints and unparseable bodies. */
    public JsonNode body() { return body; }
}
