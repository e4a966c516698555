package org.schoolcontacts.parents;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    /** Jackson's defaults, as the transport's mapper writes everything else (same escaping, same numbers). */
    private static final JsonFactory JSON = new JsonFactory();

    private ReadJson() {}

    static ObjectNode user(UserView view) {
        ObjectNode out = Reply.object();
        if (view instanceof Student s) {
            out.put("user_type", ParentStore.STUDENT);
            student(out.putObject("student"), s);
        } else if (view instanceof Parent p) {
            out.put("user_type", ParentStore.PARENT);
            // get shows a parent's children without their names (D-92337); list_parent with them.
            parent(out.putObject("parent"), p, false);
        }
        return out;
    }

    /**
     * list: the students array is written straight to UTF-8, one pass, and handed to the envelope as a
     * raw value, which the transport copies into its own UTF-8 as it is. A class of 30,000 students as
     * a tree of nodes (a map per student, per parent) cost more to build and walk than the reads
     * themselves, and as text (a String, UTF-16 once one name is Chinese) it was copied three times
     * more; the bytes are those the tree gave.
     */
    static ObjectNode students(List<Student> students) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(Math.max(64, Math.min(students.size(), 100_000) * 128));
        try {
            try (JsonGenerator g = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
                g.writeStartArray();
                for (Student s : students) student(g, s);
                g.writeEndArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a buffer in memory does not fail
        }
        ObjectNode out = Reply.object();
        out.putRawValue("students", new RawValue(new RawUtf8(bytes.toByteArray())));
        return out;
    }

    private static void student(JsonGenerator g, Student s) throws IOException {
        g.writeStartObject();
        g.writeStringField("student_userid", s.studentUserid());
        if (s.name() != null) g.writeStringField("name", s.name());
        g.writeArrayFieldStart("department");
        for (long d : s.department()) g.writeNumber(d);
        g.writeEndArray();
        g.writeArrayFieldStart("parents");
        for (ParentOfStudent p : s.parents()) {
            g.writeStartObject();
            g.writeStringField("parent_userid", p.parentUserid());
            g.writeStringField("relation", p.relation());
            if (p.mobile() != null) g.writeStringField("mobile", p.mobile());
            g.writeNumberField("is_subscribe", p.isSubscribe());
            if (p.externalUserid() != null) g.writeStringField("external_userid", p.externalUserid());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static ObjectNode parents(List<Parent> parents) {
        ObjectNode out = Reply.object();
        ArrayNode list = out.putArray("parents");
        for (Parent p : parents) parent(list.addObject(), p, true);
        return out;
    }

    private static void student(ObjectNode out, Student s) {
        out.put("student_userid", s.studentUserid());
        putIfSet(out, "name", s.name());
        ArrayNode department = out.putArray("department");
        s.department().forEach(department::add);
        ArrayNode parents = out.putArray("parents");
        for (ParentOfStudent p : s.parents()) {
            ObjectNode o = parents.addObject();
            o.put("parent_userid", p.parentUserid());
            o.put("relation", p.relation());
            putIfSet(o, "mobile", p.mobile());
            o.put("is_subscribe", p.isSubscribe());
            putIfSet(o, "external_userid", p.externalUserid());
        }
    }

    private static void parent(ObjectNode out, Parent p, boolean childNames) {
        out.put("parent_userid", p.parentUserid());
        putIfSet(out, "mobile", p.mobile());
        out.put("is_subscribe", p.isSubscribe());
        putIfSet(out, "external_userid", p.externalUserid());
        ArrayNode children = out.putArray("children");
        for (Child c : p.children()) {
            ObjectNode o = children.addObject();
            o.put("student_userid", c.studentUserid());
            o.put("relation", c.relation());
            if (childNames) putIfSet(o, "name", c.name());
        }
    }

    private static void putIfSet(ObjectNode out, String field, String value) {
        if (value != null) out.put(field, value);
    }
}
