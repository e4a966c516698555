package org.schoolcontacts.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.schoolcontacts.Services;
import org.schoolcontacts.corps.CorpStore;
import org.schoolcontacts.departments.Department;
import org.schoolcontacts.departments.DepartmentRules;
import org.schoolcontacts.http.PageRoute;
import org.schoolcontacts.http.PageRoute.Response;
import org.schoolcontacts.parents.SchoolViews.Child;
import org.schoolcontacts.parents.SchoolViews.Parent;
import org.schoolcontacts.parents.SchoolViews.ParentOfStudent;
import org.schoolcontacts.parents.SchoolViews.Student;
import org.schoolcontacts.parents.SchoolViews.UserView;
import org.schoolcontacts.wecom.WeComException;

/**
 * The directory pages: the schools, a school's department tree with class sizes, a class's students
 * and parents (with search), a school-wide search and one student or parent. Everything is read
 * through the domain services the read endpoints use, with parents' mobiles shown (the console is
 * the school's operator, like an app with full rights).
 */
final class SchoolPages {
    private final Console console;
    private final Services services;

    SchoolPages(Console console, Services services) {
        this.console = console;
        this.services = services;
    }

    List<PageRoute> routes() {
        String b = Console.BASE;
        return List.of(
                new PageRoute("GET", b, false, r -> schools()),
                new PageRoute("GET", b + "/schools/{corpid}", false, r -> guarded(() -> school(r.pathParam().apply("corpid")))),
                new PageRoute("GET", b + "/schools/{corpid}/classes/{id}", false, r -> guarded(() -> department(
                        r.pathParam().apply("corpid"), r.pathParam().apply("id"), r.query().apply("q")))),
                new PageRoute("GET", b + "/schools/{corpid}/search", false, r -> guarded(() -> search(
                        r.pathParam().apply("corpid"), r.query().apply("q")))),
                new PageRoute("GET", b + "/schools/{corpid}/users/{userid}", false, r -> guarded(() -> user(
                        r.pathParam().apply("corpid"), r.pathParam().apply("userid")))));
    }

    private interface Page {
        Response render();
    }

    /** A domain refusal (no such school, class or user) is a 404 page naming it. */
    private Response guarded(Page page) {
        try {
            return page.render();
        } catch (WeComException e) {
            return console.notFound(e.errmsg() + " (errcode " + e.errcode() + ")");
        }
    }

    static String schoolHref(String corpId) { return Console.BASE + "/schools/" + Html.url(corpId); }

    static String classHref(String corpId, long id) { return schoolHref(corpId) + "/classes/" + id; }

    static String userHref(String corpId, String userid) { return schoolHref(corpId) + "/users/" + Html.url(userid); }

    private Response schools() {
        List<CorpStore.School> all = services.db().read(CorpStore::schools);
        Html h = new Html();
        if (all.isEmpty()) {
            h.tag("<p>The store holds no school yet.</p>");
        } else {
            h.tag("<table><caption>").text(all.size() + (all.size() == 1 ? " school" : " schools")).tag("</caption>")
                    .tag("<thead><tr><th scope=\"col\">School</th><th scope=\"col\">corpid</th><th scope=\"col\">Classes</th>"
                            + "<th scope=\"col\">Students</th></tr></thead><tbody>");
            for (CorpStore.School s : all) {
                Map<Long, Integer> sizes = services.departments().classSizes(s.corpId());
                int students = sizes.values().stream().mapToInt(Integer::intValue).sum();
                h.tag("<tr><td>").link(schoolHref(s.corpId()), s.name()).tag("</td><td><code>").text(s.corpId())
                        .tag("</code></td><td class=\"num\">").text(sizes.size()).tag("</td><td class=\"num\">").text(students)
                        .tag("</td></tr>");
            }
            h.tag("</tbody></table>");
            h.tag("<p class=\"note\">Students counts class places: a student in two classes counts twice.</p>");
        }
        return Response.html(console.frame("Schools", Console.BASE, null, h.toString()));
    }

    private record Tree(String corpId, String schoolName, Map<Long, Department> byId, Map<Long, List<Department>> children,
                        Map<Long, Integer> sizes) {
        int studentsUnder(long id) {
            Department d = byId.get(id);
            int n = d != null && d.type() == DepartmentRules.Type.CLASS ? sizes.getOrDefault(id, 0) : 0;
            for (Department c : children.getOrDefault(id, List.of())) n += studentsUnder(c.id());
            return n;
        }
    }

    private Tree tree(String corpId) {
        List<Department> all = services.departments().list(corpId);
        Map<Long, Department> byId = new LinkedHashMap<>();
        Map<Long, List<Department>> children = new HashMap<>();
        for (Department d : all) {
            byId.put(d.id(), d);
            children.computeIfAbsent(d.parentId(), k -> new ArrayList<>()).add(d);
        }
        String name = all.isEmpty() ? corpId : all.get(0).name();
        return new Tree(corpId, name, byId, children, services.departments().classSizes(corpId));
    }

    private Response school(String corpId) {
        Tree t = tree(corpId);
        Html h = new Html();
        searchForm(h, schoolHref(corpId) + "/search", "", "Search the school");
        String q = "?corpid=" + Html.url(corpId);
        h.tag("<p class=\"related\">This school's ").link(Console.BASE + "/requests" + q, "requests").tag(", ")
                .link(Console.BASE + "/notices" + q, "notices").tag(" and ").link(Console.BASE + "/events" + q, "change-event deliveries")
                .tag(".</p>");
        h.tag("<h2>Departments</h2><p class=\"note\">Classes link to their students and parents; the number is the students a "
                + "class holds (the 30,000 cap counts the same).</p>");
        h.tag("<ul class=\"tree\">");
        for (Department d : t.children().getOrDefault(0L, List.of())) node(h, t, d);
        h.tag("</ul>");
        return Response.html(console.frame(t.schoolName(), Console.BASE, crumbs(t, null), h.toString()));
    }

    private void node(Html h, Tree t, Department d) {
        h.tag("<li><span class=\"kind\">").text(typeLabel(d.type())).tag("</span> ");
        if (d.type() == DepartmentRules.Type.CLASS) {
            int n = t.sizes().getOrDefault(d.id(), 0);
            h.link(classHref(t.corpId(), d.id()), d.name()).tag(" <span class=\"count\">").text(n + (n == 1 ? " student" : " students"))
                    .tag("</span>");
        } else {
            h.tag("<strong>").text(d.name()).tag("</strong>");
            if (d.type() != DepartmentRules.Type.SCHOOL) h.tag(" <span class=\"count\">").text(t.studentsUnder(d.id()) + " students").tag("</span>");
        }
        h.tag(" <span class=\"id\">id ").text(d.id()).tag("</span>");
        List<Department> kids = t.children().getOrDefault(d.id(), List.of());
        if (!kids.isEmpty()) {
            h.tag("<ul>");
            for (Department c : kids) node(h, t, c);
            h.tag("</ul>");
        }
        h.tag("</li>");
    }

    static String typeLabel(DepartmentRules.Type type) {
        return switch (type) {
            case CLASS -> "class 班级";
            case GRADE -> "grade 年级";
            case STAGE -> "stage 学段";
            case CAMPUS -> "campus 校区";
            case SCHOOL -> "school 学校";
        };
    }

    /** Breadcrumbs: Schools › school › each ancestor of {@code deptId} › the department itself. */
    private String crumbs(Tree t, Long deptId) {
        Html h = new Html();
        h.tag("<ol><li>").link(Console.BASE, "Schools").tag("</li>");
        if (deptId == null) {
            h.tag("<li aria-current=\"page\">").text(t.schoolName()).tag("</li>");
        } else {
            h.tag("<li>").link(schoolHref(t.corpId()), t.schoolName()).tag("</li>");
            List<Department> path = new ArrayList<>();
            for (Department d = t.byId().get(deptId); d != null && d.parentId() != 0; d = t.byId().get(d.parentId())) path.add(0, d);
            for (int i = 0; i < path.size(); i++) {
                Department d = path.get(i);
                boolean last = i == path.size() - 1;
                h.tag(last ? "<li aria-current=\"page\">" : "<li>");
                if (!last && d.type() == DepartmentRules.Type.CLASS) h.link(classHref(t.corpId(), d.id()), d.name());
                else h.text(d.name());
                h.tag("</li>");
            }
        }
        return h.tag("</ol>").toString();
    }

    private static void searchForm(Html h, String action, String q, String label) {
        h.tag("<form role=\"search\" method=\"get\" action=\"").text(action).tag("\" class=\"search\">")
                .tag("<label for=\"q\">").text(label).tag(" (name, userid or mobile)</label> ")
                .tag("<input type=\"search\" id=\"q\" name=\"q\" value=\"").text(q == null ? "" : q)
                .tag("\" autocomplete=\"off\" data-filter=\"#people\"> <button type=\"submit\">Search</button></form>");
    }

    private Response department(String corpId, String idText, String q) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            return console.notFound("no department " + idText);
        }
        Tree t = tree(corpId);
        Department d = t.byId().get(id);
        if (d == null) return console.notFound("school " + corpId + " has no department " + id);
        List<Student> students = services.reads().list(corpId, Long.toString(id), "0", true);
        List<Parent> parents = services.reads().listParents(corpId, Long.toString(id), true);
        String needle = q == null ? "" : q.trim();
        List<Student> shownStudents = students.stream().filter(s -> matches(s, needle)).toList();
        List<Parent> shownParents = parents.stream().filter(p -> matches(p, needle)).toList();

        Html h = new Html();
        h.tag("<p>").text(typeLabel(d.type()) + " · id " + d.id() + " · " + students.size()
                + (students.size() == 1 ? " student" : " students") + " · " + parents.size() + (parents.size() == 1 ? " parent" : " parents"))
                .tag("</p>");
        searchForm(h, classHref(corpId, id), needle, "Search this class");
        h.tag("<div id=\"people\">");
        if (!needle.isEmpty()) {
            h.tag("<p role=\"status\">").text(shownStudents.size() + " of " + students.size() + " students and " + shownParents.size()
                    + " of " + parents.size() + " parents match “" + needle + "”. ").link(classHref(corpId, id), "Show all").tag("</p>");
        }
        studentTable(h, t, shownStudents, "Students");
        parentTable(h, corpId, shownParents, "Parents");
        h.tag("</div>");
        return Response.html(console.frame(d.name(), Console.BASE, crumbs(t, id), h.toString()));
    }

    private Response search(String corpId, String q) {
        Tree t = tree(corpId);
        String needle = q == null ? "" : q.trim();
        Html h = new Html();
        searchForm(h, schoolHref(corpId) + "/search", needle, "Search the school");
        if (!needle.isEmpty()) {
            List<Student> students = services.reads().list(corpId, "1", "1", true);
            List<Student> found = students.stream().filter(s -> matches(s, needle)).toList();
            Map<String, ParentOfStudent> parents = new LinkedHashMap<>();
            for (Student s : students) {
                for (ParentOfStudent p : s.parents()) if (matches(p, needle)) parents.putIfAbsent(p.parentUserid(), p);
            }
            h.tag("<div id=\"people\"><p role=\"status\">").text(found.size() + " students and " + parents.size()
                    + " parents match “" + needle + "”.").tag("</p>");
            studentTable(h, t, found, "Students");
            h.tag("<h2>Parents</h2>");
            if (parents.isEmpty()) {
                h.tag("<p>None.</p>");
            } else {
                h.tag("<table><thead><tr><th scope=\"col\">parent_userid</th><th scope=\"col\">mobile</th></tr></thead><tbody>");
                for (ParentOfStudent p : parents.values()) {
                    h.tag("<tr><td>").link(userHref(corpId, p.parentUserid()), p.parentUserid()).tag("</td><td>").text(p.mobile())
                            .tag("</td></tr>");
                }
                h.tag("</tbody></table>");
            }
            h.tag("</div>");
        }
        Html crumbs = new Html().tag("<ol><li>").link(Console.BASE, "Schools").tag("</li><li>").link(schoolHref(corpId), t.schoolName())
                .tag("</li><li aria-current=\"page\">Search</li></ol>");
        return Response.html(console.frame("Search " + t.schoolName(), Console.BASE, crumbs.toString(), h.toString()));
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }

    private static boolean matches(Student s, String q) {
        if (q.isEmpty() || contains(s.studentUserid(), q) || contains(s.name(), q)) return true;
        return s.parents().stream().anyMatch(p -> matches(p, q));
    }

    private static boolean matches(ParentOfStudent p, String q) {
        return contains(p.parentUserid(), q) || contains(p.mobile(), q);
    }

    private static boolean matches(Parent p, String q) {
        if (q.isEmpty() || contains(p.parentUserid(), q) || contains(p.mobile(), q)) return true;
        return p.children().stream().anyMatch(c -> contains(c.studentUserid(), q) || contains(c.name(), q));
    }

    private static void studentTable(Html h, Tree t, List<Student> students, String caption) {
        String corpId = t.corpId();
        h.tag("<h2>").text(caption).tag("</h2>");
        if (students.isEmpty()) {
            h.tag("<p>None.</p>");
            return;
        }
        h.tag("<table class=\"people\"><thead><tr><th scope=\"col\">student_userid</th><th scope=\"col\">name</th>"
                + "<th scope=\"col\">classes</th><th scope=\"col\">parents</th></tr></thead><tbody>");
        for (Student s : students) {
            h.tag("<tr><td>").link(userHref(corpId, s.studentUserid()), s.studentUserid()).tag("</td><td>").text(s.name()).tag("</td><td>");
            for (Long d : s.department()) {
                Department dep = t.byId().get(d);
                h.link(classHref(corpId, d), dep == null ? d.toString() : dep.name()).tag(" ");
            }
            h.tag("</td><td>");
            for (ParentOfStudent p : s.parents()) {
                h.tag("<span class=\"parent\">").link(userHref(corpId, p.parentUserid()), p.parentUserid()).tag(" ").text(p.relation());
                if (p.mobile() != null) h.tag(" <span class=\"mobile\">").text(p.mobile()).tag("</span>");
                h.tag("</span> ");
            }
            h.tag("</td></tr>");
        }
        h.tag("</tbody></table>");
    }

    private static void parentTable(Html h, String corpId, List<Parent> parents, String caption) {
        h.tag("<h2>").text(caption).tag("</h2>");
        if (parents.isEmpty()) {
            h.tag("<p>None.</p>");
            return;
        }
        h.tag("<table class=\"people\"><thead><tr><th scope=\"col\">parent_userid</th><th scope=\"col\">mobile</th>"
                + "<th scope=\"col\">children</th></tr></thead><tbody>");
        for (Parent p : parents) {
            h.tag("<tr><td>").link(userHref(corpId, p.parentUserid()), p.parentUserid()).tag("</td><td>").text(p.mobile()).tag("</td><td>");
            for (Child c : p.children()) {
                h.tag("<span class=\"child\">").link(userHref(corpId, c.studentUserid()), c.name() == null ? c.studentUserid() : c.name())
                        .tag(" ").text(c.relation()).tag("</span> ");
            }
            h.tag("</td></tr>");
        }
        h.tag("</tbody></table>");
    }

    private Response user(String corpId, String userid) {
        Tree t = tree(corpId);
        UserView view = services.reads().get(corpId, userid, true);
        Html h = new Html();
        String title;
        h.tag("<p class=\"note\">Every field <code>school/user/get</code> answers for this user (as an app that may see mobiles).</p>");
        h.tag("<dl class=\"fields\">");
        if (view instanceof Student s) {
            title = s.name() == null ? s.studentUserid() : s.name();
            field(h, "user_type", "1 (student)");
            field(h, "student_userid", s.studentUserid());
            field(h, "name", s.name());
            h.tag("<dt>department</dt><dd><ul>");
            for (Long d : s.department()) {
                Department dep = t.byId().get(d);
                h.tag("<li>").link(classHref(corpId, d), dep == null ? d.toString() : dep.name()).tag(" <span class=\"id\">id ").text(d)
                        .tag("</span></li>");
            }
            h.tag("</ul></dd><dt>parents</dt><dd>");
            if (s.parents().isEmpty()) h.tag("none");
            else {
                h.tag("<table><thead><tr><th scope=\"col\">parent_userid</th><th scope=\"col\">relation</th><th scope=\"col\">mobile</th>"
                        + "<th scope=\"col\">is_subscribe</th><th scope=\"col\">external_userid</th></tr></thead><tbody>");
                for (ParentOfStudent p : s.parents()) {
                    h.tag("<tr><td>").link(userHref(corpId, p.parentUserid()), p.parentUserid()).tag("</td><td>").text(p.relation())
                            .tag("</td><td>").text(p.mobile()).tag("</td><td>").text(p.isSubscribe()).tag("</td><td>")
                            .text(p.externalUserid()).tag("</td></tr>");
                }
                h.tag("</tbody></table>");
            }
            h.tag("</dd>");
        } else {
            Parent p = (Parent) view;
            title = p.parentUserid();
            field(h, "user_type", "2 (parent)");
            field(h, "parent_userid", p.parentUserid());
            field(h, "mobile", p.mobile());
            field(h, "is_subscribe", Integer.toString(p.isSubscribe()));
            if (p.externalUserid() != null) field(h, "external_userid", p.externalUserid());
            h.tag("<dt>children</dt><dd><table><thead><tr><th scope=\"col\">student_userid</th><th scope=\"col\">relation</th></tr>"
                    + "</thead><tbody>");
            for (Child c : p.children()) {
                h.tag("<tr><td>").link(userHref(corpId, c.studentUserid()), c.studentUserid()).tag("</td><td>").text(c.relation())
                        .tag("</td></tr>");
            }
            h.tag("</tbody></table></dd>");
        }
        h.tag("</dl>");
        if (services.notices() != null) h.tag("<p>").link(NoticePages.inboxHref(corpId, userid), "Notices inbox of " + userid).tag("</p>");
        Html crumbs = new Html().tag("<ol><li>").link(Console.BASE, "Schools").tag("</li><li>").link(schoolHref(corpId), t.schoolName())
                .tag("</li><li aria-current=\"page\">").text(title).tag("</li></ol>");
        return Response.html(console.frame(title, Console.BASE, crumbs.toString(), h.toString()));
    }

    private static void field(Html h, String name, String value) {
        h.tag("<dt>").text(name).tag("</dt><dd>").text(value == null ? "—" : value).tag("</dd>");
    }
}
