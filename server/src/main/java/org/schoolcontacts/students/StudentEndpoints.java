package org.schoolcontacts.students;

import java.util.List;
import org.schoolcontacts.corps.Access;
import org.schoolcontacts.http.EndpointFamily;
import org.schoolcontacts.http.Reply;
import org.schoolcontacts.http.Routes;

/**
 * {@code /cgi-bin/school/user/*_student} (spec 4 rows 6-11): parse the request (whole-request 40058s),
 * make one domain call, answer. Every route needs EDIT; the transport checks token and permission first.
 */
public final class StudentEndpoints implements EndpointFamily {
    private static final String BASE = "/cgi-bin/school/user/";

    private final Students service;

    public StudentEndpoints(Students service) { this.service = service; }

    @Override
    public void register(Routes routes) {
        routes.post(BASE + "create_student", Access.EDIT, call -> {
            service.create(call.corpId(), StudentRequests.newStudent(call.body()));
            return Reply.created();
        });
        routes.post(BASE + "update_student", Access.EDIT, call -> {
            service.update(call.corpId(), StudentRequests.change(call.body()));
            return Reply.updated();
        });
        // WxJava appends the id without URL-encoding (spec 6.4); '@' and '.' arrive as they are.
        routes.get(BASE + "delete_student", Access.EDIT, call -> {
            service.delete(call.corpId(), StudentRequests.queryUserid(call.query(StudentRequests.QUERY_USERID)));
            return Reply.deleted();
        });
        routes.post(BASE + "batch_create_student", Access.EDIT,
                call -> batchReply(service.batchCreate(call.corpId(), StudentRequests.newStudents(call.body()))));
        routes.post(BASE + "batch_update_student", Access.EDIT,
                call -> batchReply(service.batchUpdate(call.corpId(), StudentRequests.changes(call.body()))));
        routes.post(BASE + "batch_delete_student", Access.EDIT,
                call -> batchReply(service.batchDelete(call.corpId(), StudentRequests.useridList(call.body()))));
    }

    private static Reply batchReply(List<FailedItem> failures) {
        return Reply.batch(failures.stream()
                .map(f -> new Reply.ItemFailure(StudentRequests.USERID, f.studentUserid(), f.errcode(), f.errmsg()))
                .toList());
    }
}
