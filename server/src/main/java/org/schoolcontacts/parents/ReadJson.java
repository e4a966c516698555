package org.schoolcontacts.parents;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.schoolcontacts.http.Reply;
import org.schoolcontacts.parents.SchoolViews.Child;
import org.schoolcontacts.parents.SchoolViews.Parent;
import org.schoolcontacts.parents.SchoolViews.ParentOfStudent;
import org.schoolcontacts.parents.SchoolViews.Student;
import org.schoolcontacts.parents.SchoolViews.UserView;

/**
 * The JSON of the read endpoints, field for field as spec 6.13-6.15 show it: a field with no value is
 * left out, arrays are always present (spec 1.3).
 */
final class ReadJson {
    private ReadJson() {}

    /**
     * get: the user's object writes itself into the response as list's array does; a tree of nodes
     * per answer was a third of get's allocation (issue 15). The bytes are those the tree gave (pinned per store).
     */
    static ObjectNode user(UserView view) {
        ObjectNode out = Reply.object();
        if (view instanceof Student s) {
            out.put("user_type", ParentStore.STUDENT);
            out.putPOJO("student", written(g -> student(g, s)));
        } else if (view instanceof Parent p) {
            out.put("user_type", ParentStore.PARENT);
            // get shows a parent's children without their names (D-92337); list_parent with them.
            out.putPOJO("parent", written(g -> parent(g, p, false)));
        }
        return out;
    }

    /**
     * list: the students array is written by the transport's own generator, straight into the
     * response as the envelope around it is. A class of 30,000 students as a tree of nodes (a map per
     * student, per parent) cost more to build and walk than the reads themselves, and as text (a
     * String, UTF-16 once one name is Chinese) it was copied three times more; the bytes are those the
     * tree gave.
     */
    static ObjectNode students(List<Student> students) {
        ObjectNode out = Reply.object();
        out.putPOJO("students", written(g -> {
            g.writeStartArray();
            for (Student s : students) student(g, s);
            g.writeEndArray();
        }));
        return out;
    }

    private interface Writing {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * A value of the envelope that writes itself when the transport writes the envelope: Jackson
     * hands it the generator that is writing the response (a {@link JsonSerializable} in a POJO node).
     */
    private static JsonSerializable written(Writing writing) {
        return new JsonSerializable.Base() {
            @Override
            public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
                writing.write(g);
            }

            @Override
            public void serializeWithType(JsonGenerator g, SerializerProvider provider, TypeSerializer typeSer) throws IOException {
                writing.write(g);
            }
        };
    }

    // Field names encoded once: the generator copies their bytes for each of 30,000 students.
    private static final SerializedString STUDENT_USERID = new SerializedString("student_userid");
    private static final SerializedString NAME = new SerializedString("name");
    private static final SerializedString DEPARTMENT = new SerializedString("department");
    private static final SerializedString PARENTS = new SerializedString("parents");
    private static final SerializedString PARENT_USERID = new SerializedString("parent_userid");
    private static final SerializedString RELATION = new SerializedString("relation");
    private static final SerializedString MOBILE = new SerializedString("mobile");
    private static final SerializedString IS_SUBSCRIBE = new SerializedString("is_subscribe");
    private static final SerializedString EXTERNAL_USERID = new SerializedString("external_userid");

    private static void student(JsonGenerator g, Student s) throws IOException {
        g.writeStartObject();
        field(g, STUDENT_USERID, s.studentUserid());
        if (s.name() != null) field(g, NAME, s.name());
        g.writeFieldName(DEPARTMENT);
        g.writeStartArray();
        for (long d : s.department()) g.writeNumber(d);
        g.writeEndArray();
        g.writeFieldName(PARENTS);
        g.writeStartArray();
        for (ParentOfStudent p : s.parents()) {
            g.writeStartObject();
            field(g, PARENT_USERID, p.parentUserid());
            field(g, RELATION, p.relation());
            if (p.mobile() != null) field(g, MOBILE, p.mobile());
            g.writeFieldName(IS_SUBSCRIBE);
            g.writeNumber(p.isSubscribe());
            if (p.externalUserid() != null) field(g, EXTERNAL_USERID, p.externalUserid());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void field(JsonGenerator g, SerializedString name, String value) throws IOException {
        g.writeFieldName(name);
        g.writeString(value);
    }

    /** list_parent, written as list is. */
    static ObjectNode parents(List<Parent> parents) {
        ObjectNode out = Reply.object();
        out.putPOJO("parents", written(g -> {
            g.writeStartArray();
            for (Parent p : parents) parent(g, p, true);
            g.writeEndArray();
        }));
        return out;
    }

    private static final SerializedString CHILDREN = new SerializedString("children");

    private static void parent(JsonGenerator g, Parent p, boolean childNames) throws IOException {
        g.writeStartObject();
        field(g, PARENT_USERID, p.parentUserid());
        if (p.mobile() != null) field(g, MOBILE, p.mobile());
        g.writeFieldName(IS_SUBSCRIBE);
        g.writeNumber(p.isSubscribe());
        if (p.externalUserid() != null) field(g, EXTERNAL_USERID, p.externalUserid());
        g.writeFieldName(CHILDREN);
        g.writeStartArray();
        for (Child c : p.children()) {
            g.writeStartObject();
            field(g, STUDENT_USERID, c.studentUserid());
            field(g, RELATION, c.relation());
            if (childNames && c.name() != null) field(g, NAME, c.name());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
