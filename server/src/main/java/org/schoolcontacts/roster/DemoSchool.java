package org.schoolcontacts.roster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.schoolcontacts.admin.Seeder;

/**
 * The built-in demo school grown to {@code n} students ({@code --demo-size N}): the same corp, apps
 * and secrets, the demo's own grade 10, class 11, student s0001 and parent p0001 (README's session
 * keeps working), plus up to six grades (小学一年级 … 小学六年级) with classes of up to 45
 * named 1班, 2班, …, students with Chinese names and mobiles, and their fathers (爸爸) and mothers
 * (妈妈); one child in 15 is a younger sibling sharing the previous child's parents. The same
 * {@code n} always gives the same school: the names come from a {@link Random} seeded with {@code n}.
 *
 * <p>Ids: grades 1000, 2000, … 6000, their classes 1001, 1002, …; students {@code s0002} …, parents
 * {@code p0002} … (zero-padded to at least four digits); mobiles {@code 138} + the student's number in
 * 8 digits and {@code 139} + the parent's, so s0001 keeps 13800000001 and p0001 13900000001, and no
 * two students or parents share one. Parents stay within the verified school's cap of 20,000
 * (spec 5.4): two per family while that fits, else one, else the first families only.
 */
public final class DemoSchool {
    public static final int MAX_STUDENTS = 200_000;
    static final int CLASS_SIZE = 45;
    static final int GRADES = 6;
    /** Parents of a verified school, the cap of spec 5.4 (65018 beyond it). */
    static final int PARENT_CAP = 20_000;
    static final int SIBLING_EVERY = 15;

    private static final String[] GRADE_NAMES = {"小学一年级", "小学二年级", "小学三年级", "小学四年级", "小学五年级", "小学六年级"};
    private static final String[] SURNAMES = ("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 "
            + "袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔").split(" ");
    private static final String[] GIVEN = ("伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 桂 英 华 玉 萍 红 鹏 辉 鑫 宇 浩 "
            + "欣 怡 思 雨 梓 涵 子 轩 博 文 佳 琪 嘉 悦 晨 阳 一 诺 睿 泽 俊 熙 若 萱 可 馨 昊 然 宸 瑶 雪 婷 晓 天 乐 安 宁 心").split(" ");

    private DemoSchool() {}

    public static JsonNode seed(int n) {
        if (n < 1 || n > MAX_STUDENTS) throw new IllegalArgumentException("--demo-size must be 1-" + MAX_STUDENTS + ", got " + n);
        ObjectNode doc = (ObjectNode) Seeder.demo().deepCopy();
        ObjectNode corp = (ObjectNode) doc.get("corps").get(0);
        ArrayNode departments = (ArrayNode) corp.get("departments");
        ArrayNode students = (ArrayNode) corp.get("students");
        ArrayNode parents = (ArrayNode) corp.get("parents");
        Random random = new Random(n);
        int width = Math.max(4, Integer.toString(n).length());
        int generated = n - 1; // s0001 is the demo's own
        int classes = (generated + CLASS_SIZE - 1) / CLASS_SIZE;
        int perGrade = (classes + GRADES - 1) / GRADES;
        for (int g = 1; g <= Math.min(GRADES, classes); g++) {
            ObjectNode grade = departments.addObject();
            grade.put("id", g * 1000);
            grade.put("parentid", 1);
            // plain grades, named like the school's own: standard-grade codes are a matter of the spec's revision
            grade.put("name", GRADE_NAMES[g - 1]);
            grade.put("type", 2);
            for (int k = 1; k <= perGrade && (g - 1) + (k - 1) * GRADES < classes; k++) {
                ObjectNode c = departments.addObject();
                c.put("id", g * 1000 + k);
                c.put("parentid", g * 1000);
                c.put("name", k + "班");
                c.put("type", 1);
            }
        }
        int families = 0;
        for (int i = 2; i <= n; i++) if (!sibling(i)) families++;
        int budget = PARENT_CAP - 1; // p0001
        int perFamily = 2L * families <= budget ? 2 : families <= budget ? 1 : 0;
        int parentSeq = 1;
        int family = 0;
        ObjectNode father = null;
        ObjectNode mother = null;
        String surname = null;
        for (int i = 2; i <= n; i++) {
            int index = i - 2; // 0-based among generated students; classes filled round-robin by grade
            int classNo = index / CLASS_SIZE;
            long classId = (classNo % GRADES + 1) * 1000L + classNo / GRADES + 1;
            boolean sib = sibling(i) && (father != null || mother != null);
            if (!sib) {
                family++;
                surname = SURNAMES[random.nextInt(SURNAMES.length)];
                father = null;
                mother = null;
                int count = perFamily > 0 ? perFamily : (family <= budget ? 1 : 0);
                if (count >= 1) mother = parent(parents, parentSeq++, width);
                if (count >= 2) father = parent(parents, parentSeq++, width);
            }
            String id = "s" + pad(i, width);
            ObjectNode s = students.addObject();
            s.put("student_userid", id);
            s.put("name", surname + GIVEN[random.nextInt(GIVEN.length)] + (random.nextInt(3) == 0 ? "" : GIVEN[random.nextInt(GIVEN.length)]));
            s.putArray("department").add(classId);
            s.put("mobile", "138" + pad8(i));
            if (mother != null) child(mother, id, "妈妈");
            if (father != null) child(father, id, "爸爸");
        }
        return doc;
    }

    private static boolean sibling(int i) { return i > 2 && i % SIBLING_EVERY == 0; }

    private static ObjectNode parent(ArrayNode parents, int seq, int width) {
        int number = seq + 1; // p0001 is the demo's own
        ObjectNode p = parents.addObject();
        p.put("parent_userid", "p" + pad(number, width));
        p.put("mobile", "139" + pad8(number));
        p.putArray("children");
        return p;
    }

    private static void child(ObjectNode parent, String studentId, String relation) {
        ObjectNode c = ((ArrayNode) parent.get("children")).addObject();
        c.put("student_userid", studentId);
        c.put("relation", relation);
    }

    private static String pad(int i, int width) { return String.format("%0" + width + "d", i); }

    private static String pad8(int i) { return String.format("%08d", i); }
}
