package org.schoolcontacts.roster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.schoolcontacts.Services;
import org.schoolcontacts.admin.Seeder;
import org.schoolcontacts.departments.Department;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.parents.SchoolReads.SchoolContents;
import org.schoolcontacts.parents.SchoolViews.Child;
import org.schoolcontacts.parents.SchoolViews.Parent;
import org.schoolcontacts.parents.SchoolViews.Student;

/** Schools for the roster tests: seed files written on the fly, and a school's content in comparable form. */
final class RosterSchools {
    static final String CORP = "wwschool00000001";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RosterSchools() {}

    /** The demo corp and its apps, without any department, student or parent. */
    static SchoolContactsHandle emptySchool(Path dir) {
        ObjectNode seed = (ObjectNode) Seeder.demo().deepCopy();
        ObjectNode corp = (ObjectNode) seed.get("corps").get(0);
        corp.remove("departments");
        corp.remove("students");
        corp.remove("parents");
        return startWith(dir.resolve("empty-seed.json"), seed);
    }

    /** The demo school grown by --demo-size n. */
    static SchoolContactsHandle demoSchool(Path dir, int n) {
        return startWith(dir.resolve("demo-" + n + ".json"), (ObjectNode) DemoSchool.seed(n));
    }

    private static SchoolContactsHandle startWith(Path file, ObjectNode seed) {
        try {
            MAPPER.writeValue(file.toFile(), seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SchoolContactsHandle.start(file.toString());
    }

    static Services services(SchoolContactsHandle h) { return h.server().services(); }

    static Path csv(Path dir, String name, String... lines) {
        Path f = dir.resolve(name);
        try {
            Files.writeString(f, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    /**
     * What an import and an export carry, independent of ids and creation order: students by userid
     * (name, mobile, classes as grade/class names in order), parents by userid (mobile, children with
     * relations), grades and classes by name.
     */
    static Map<String, Object> content(SchoolContactsHandle h) {
        Services s = services(h);
        List<Department> tree = s.departments().list(CORP);
        Map<Long, Department> byId = new HashMap<>();
        for (Department d : tree) byId.put(d.id(), d);
        SchoolContents school = s.reads().contents(CORP);
        Map<String, Object> students = new TreeMap<>();
        for (Student st : school.students()) {
            List<String> classes = new ArrayList<>();
            for (Long id : st.department()) classes.add(byId.get(byId.get(id).parentId()).name() + "/" + byId.get(id).name());
            students.put(st.studentUserid(), List.of(String.valueOf(st.name()), school.studentMobiles().getOrDefault(st.studentUserid(), ""),
                    classes));
        }
        Map<String, Object> parents = new TreeMap<>();
        for (Parent p : school.parents()) {
            TreeSet<String> children = new TreeSet<>();
            for (Child c : p.children()) children.add(c.studentUserid() + ":" + c.relation());
            parents.put(p.parentUserid(), List.of(String.valueOf(p.mobile()), children));
        }
        TreeSet<String> departments = new TreeSet<>();
        for (Department d : tree) {
            if (d.parentId() == 0) continue;
            Department parent = byId.get(d.parentId());
            departments.add(d.typeCode() + ":" + (parent.parentId() == 0 ? "" : parent.name() + "/") + d.name());
        }
        Map<String, Object> all = new TreeMap<>();
        all.put("students", students);
        all.put("parents", parents);
        all.put("departments", departments);
        return all;
    }
}
