package org.schoolcontacts.roster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.schoolcontacts.Services;
import org.schoolcontacts.corps.CorpSpec;
import org.schoolcontacts.corps.CorpStore;
import org.schoolcontacts.departments.Department;
import org.schoolcontacts.departments.DepartmentRules;
import org.schoolcontacts.parents.SchoolReads.SchoolContents;
import org.schoolcontacts.parents.SchoolViews.Child;
import org.schoolcontacts.parents.SchoolViews.Parent;
import org.schoolcontacts.parents.SchoolViews.Student;

/**
 * A school's current state as a seed file (running.md's format): the corp with its apps (and their
 * secrets: a seed needs them, so treat the file like the seed it is), its departments with ids,
 * types, standard grades, order and admins, its students with mobiles and its parents with children.
 * {@code --seed FILE} then starts a server with exactly this school. Parents' subscriptions and class
 * group chats (admin-only data, not part of the seed format) are not included.
 */
public final class SeedExport {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final Services services;

    public SeedExport(Services services) { this.services = services; }

    public ObjectNode seed(String corpId) {
        CorpSpec corp = services.db().read(tx -> CorpStore.spec(tx, corpId))
                .orElseThrow(() -> new RosterException("the store holds no school " + corpId));
        List<Department> tree = services.departments().list(corpId);
        SchoolContents school = services.reads().contents(corpId);
        ObjectNode doc = JSON.objectNode();
        ObjectNode c = doc.putArray("corps").addObject();
        c.put("corpid", corp.corpId());
        c.put("name", corp.name());
        c.put("system_secret_accepted", corp.systemSecretAccepted());
        if (!corp.verified()) c.put("verified", false);
        ArrayNode apps = c.putArray("apps");
        for (CorpSpec.AppSpec a : corp.apps()) {
            ObjectNode o = apps.addObject();
            if (a.agentid() != null) o.put("agentid", a.agentid());
            o.put("name", a.name());
            o.put("kind", a.kind().wireName());
            if (a.kind() != org.schoolcontacts.corps.AppKind.SYSTEM) o.put("school_contacts", a.permission().wireName());
            if (a.mobileAuthorized()) o.put("mobile_authorized", true);
            if (!a.enabled()) o.put("enabled", false);
            o.put("secret", a.secret());
        }
        ArrayNode departments = c.putArray("departments");
        for (Department d : tree) {
            if (d.type() == DepartmentRules.Type.SCHOOL) continue; // the root is the corp itself
            ObjectNode o = departments.addObject();
            o.put("id", d.id());
            o.put("parentid", d.parentId());
            o.put("name", d.name());
            o.put("type", d.typeCode());
            if (d.registerYear() != null) o.put("register_year", d.registerYear());
            if (d.standardGrade() != null) o.put("standard_grade", d.standardGrade());
            if (d.order() != null) o.put("order", d.order());
            if (!d.admins().isEmpty()) {
                ArrayNode admins = o.putArray("department_admins");
                for (Department.Admin a : d.admins()) {
                    ObjectNode ao = admins.addObject();
                    ao.put("userid", a.userid());
                    ao.put("type", a.type());
                    if (a.subject() != null) ao.put("subject", a.subject());
                }
            }
        }
        ArrayNode students = c.putArray("students");
        for (Student s : school.students()) {
            ObjectNode o = students.addObject();
            o.put("student_userid", s.studentUserid());
            if (s.name() != null) o.put("name", s.name());
            ArrayNode d = o.putArray("department");
            s.department().forEach(d::add);
            String mobile = school.studentMobiles().get(s.studentUserid());
            if (mobile != null) o.put("mobile", mobile);
        }
        ArrayNode parents = c.putArray("parents");
        for (Parent p : school.parents()) {
            ObjectNode o = parents.addObject();
            o.put("parent_userid", p.parentUserid());
            if (p.mobile() != null) o.put("mobile", p.mobile());
            ArrayNode children = o.putArray("children");
            for (Child ch : p.children()) {
                ObjectNode co = children.addObject();
                co.put("student_userid", ch.studentUserid());
                co.put("relation", ch.relation());
            }
        }
        return doc;
    }

    public void write(String corpId, Path file) {
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Files.newBufferedWriter(file), seed(corpId));
        } catch (IOException e) {
            throw new RosterException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
