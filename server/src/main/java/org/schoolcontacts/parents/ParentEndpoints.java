package org.schoolcontacts.parents;

import java.util.List;
import org.schoolcontacts.corps.Access;
import org.schoolcontacts.http.EndpointFamily;
import org.schoolcontacts.http.Reply;
import org.schoolcontacts.http.Routes;

/** {@code /cgi-bin/school/user/*_parent}: spec 6.7-6.12, all needing EDIT (spec 3.2). */
public final class ParentEndpoints implements EndpointFamily {
    private static final String BASE = "/cgi-bin/school/user/";
    /** The id field of result_list items on the parent batch pages (D-92078, D-100156, D-92080). */
    private static final String ID_FIELD = "parent_userid";

    private final Parents service;

    public ParentEndpoints(Parents service) { this.service = service; }

    @Override
    public void register(Routes routes) {
        routes.post(BASE + "create_parent", Access.EDIT, call -> {
            service.create(call.corpId(), call.body());
            return Reply.created();
        });
        routes.post(BASE + "update_parent", Access.EDIT, call -> {
            service.update(call.corpId(), call.body());
            return Reply.updated();
        });
        routes.get(BASE + "delete_parent", Access.EDIT, call -> {
            service.delete(call.corpId(), call.query("userid"));
            return Reply.deleted();
        });
        routes.post(BASE + "batch_create_parent", Access.EDIT,
                call -> batchReply(service.batchCreate(call.corpId(), call.body())));
        routes.post(BASE + "batch_update_parent", Access.EDIT,
                call -> batchReply(service.batchUpdate(call.corpId(), call.body())));
        routes.post(BASE + "batch_delete_parent", Access.EDIT,
                call -> batchReply(service.batchDelete(call.corpId(), call.body())));
    }

    private static Reply batchReply(List<Parents.ItemFailure> failures) {
        return Reply.batch(failures.stream()
                .map(f -> new Reply.ItemFailure(ID_FIELD, f.userid(), f.error().errcode(), f.error().errmsg()))
                .toList());
    }
}
