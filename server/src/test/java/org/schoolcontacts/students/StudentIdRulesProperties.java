package org.schoolcontacts.students;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.schoolcontacts.wecom.JsonFields;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComException;

/**
 * The edges of the student id grammar and of every length and count rule, against {@link Limits}:
 * which breakages refuse the whole request (40058) and which fail only the item (40003).
 */
class StudentIdRulesProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @Provide
    Arbitrary<String> validIds() {
        Arbitrary<Character> first = Arbitraries.of(ALNUM.chars().mapToObj(c -> (char) c).toList());
        Arbitrary<String> rest = Arbitraries.strings().withChars(ALNUM + "_-@.").ofMaxLength(Limits.USERID_MAX_BYTES - 1);
        return Combinators.combine(first, rest).as((f, r) -> f + r);
    }

    @Provide
    Arbitrary<String> forbiddenChars() {
        return Arbitraries.of(" ", "!", "#", "$", "%", "&", "*", "+", "/", ":", ";", "=", "?", "~", "'", "\"", ",", "中", "é", "\t", "😀");
    }

    @Provide
    Arbitrary<String> nameCharacters() {
        return Arbitraries.of("a", "Z", "1", " ", "张", "三", "學", "é", "😀", "_");
    }

    private static ObjectNode item(String id) {
        ObjectNode item = JSON.createObjectNode();
        item.put(StudentRequests.USERID, id);
        return item;
    }

    private static WeComException refusal(Runnable r) {
        WeComException e = catchThrowableOfType(r::run, WeComException.class);
        assertThat(e).as("expected a refusal").isNotNull();
        return e;
    }

    @Property(tries = 300)
    void anIdOfOneTo64AllowedCharactersWithAnAlphanumericFirstIsAccepted(@ForAll("validIds") String id) {
        assertThat(StudentRequests.change(item(id)).userid()).isEqualTo(id);
        assertThat(StudentRules.keyOf(id)).isEqualTo(Limits.userKey(id));
    }

    @Property(tries = 300)
    void anIdOverTheByteLimitRefusesTheWholeRequestInEveryPosition(@ForAll("validIds") String id,
            @ForAll @IntRange(min = 1, max = 100) int extra) {
        String longId = (id + "x".repeat(Limits.USERID_MAX_BYTES + extra)).substring(0, Limits.USERID_MAX_BYTES + extra);
        assertThat(refusal(() -> StudentRequests.change(item(longId))).errmsg()).isEqualTo("invalid parameter: student_userid");
        ObjectNode rename = item("s1");
        rename.put(StudentRequests.NEW_USERID, longId);
        assertThat(refusal(() -> StudentRequests.change(rename)).errmsg()).isEqualTo("invalid parameter: new_student_userid");
        ObjectNode body = JSON.createObjectNode();
        body.putArray(StudentRequests.USERIDLIST).add("s1").add(longId);
        assertThat(refusal(() -> StudentRequests.useridList(body)).errmsg()).isEqualTo("invalid parameter: useridlist");
    }

    @Property(tries = 300)
    void multiByteCharactersCountInBytesAndFailTheItemWhenShortEnough(@ForAll @IntRange(min = 1, max = 30) int chinese) {
        String id = "a" + "中".repeat(chinese);
        int bytes = 1 + 3 * chinese;
        if (bytes <= Limits.USERID_MAX_BYTES) {
            assertThat(StudentRequests.change(item(id)).userid()).isEqualTo(id);
            assertThat(refusal(() -> StudentRules.keyOf(id)).errcode()).isEqualTo(40003);
        } else {
            assertThat(refusal(() -> StudentRequests.change(item(id))).errcode()).isEqualTo(40058);
        }
    }

    @Property(tries = 300)
    void aForbiddenCharacterAnywhereFailsOnlyTheItemWith40003(@ForAll("validIds") String id, @ForAll("forbiddenChars") String bad,
            @ForAll @IntRange(min = 0, max = 63) int at) {
        int i = Math.min(at, id.length());
        String broken = id.substring(0, i) + bad + id.substring(i);
        if (!Limits.userIdLengthOk(broken)) return; // that is the byte rule's case, covered above
        assertThat(StudentRequests.change(item(broken)).userid()).isEqualTo(broken);
        WeComException e = refusal(() -> StudentRules.keyOf(broken));
        assertThat(e.errcode()).isEqualTo(40003);
        assertThat(e.errmsg()).isEqualTo("invalid student_userid: " + broken);
    }

    @Property(tries = 300)
    void aFirstCharacterThatIsNoLetterOrDigitFails40003(@ForAll("validIds") String id, @ForAll("punctuation") String first) {
        String broken = (first + id).substring(0, Math.min(first.length() + id.length(), Limits.USERID_MAX_BYTES));
        assertThat(refusal(() -> StudentRules.keyOf(broken)).errcode()).isEqualTo(40003);
    }

    @Provide
    Arbitrary<String> punctuation() {
        return Arbitraries.of("_", "-", "@", ".");
    }

    @Property(tries = 300)
    void keysIgnoreCase(@ForAll("validIds") String id) {
        StringBuilder swapped = new StringBuilder();
        for (char c : id.toCharArray()) swapped.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        assertThat(StudentRules.keyOf(swapped.toString())).isEqualTo(StudentRules.keyOf(id));
    }

    @Property(tries = 300)
    void namesCountCharactersNotBytesOrUtf16Units(@ForAll @Size(min = 0, max = 50) List<@From("nameCharacters") String> chars) {
        String name = String.join("", chars);
        ObjectNode item = item("s1");
        item.put(StudentRequests.NAME, name);
        if (!chars.isEmpty() && chars.size() <= Limits.STUDENT_NAME_MAX_CHARS) {
            assertThat(StudentRequests.change(item).name()).isEqualTo(name);
            assertThat(StudentRequests.newStudent(item).name()).isEqualTo(name);
        } else {
            assertThat(refusal(() -> StudentRequests.change(item)).errmsg()).isEqualTo("invalid parameter: name");
            assertThat(refusal(() -> StudentRequests.newStudent(item)).errmsg()).isEqualTo("invalid parameter: name");
        }
    }

    @Property(tries = 300)
    void aDepartmentListOfUpTo20EntriesIsAcceptedWithDuplicatesCollapsed(
            @ForAll @Size(min = 0, max = 30) List<@IntRange(min = 1, max = 8) Integer> ids) {
        ObjectNode item = item("s1");
        ArrayNode list = item.putArray(StudentRequests.DEPARTMENT);
        ids.forEach(list::add);
        if (ids.size() <= Limits.MAX_CLASSES_PER_STUDENT) {
            List<Long> expected = new LinkedHashSet<>(ids).stream().map(Integer::longValue).toList();
            assertThat(StudentRequests.change(item).departments()).isEqualTo(expected);
        } else {
            assertThat(refusal(() -> StudentRequests.change(item)).errmsg()).isEqualTo("invalid parameter: department");
        }
    }

    @Property(tries = 50)
    void aBatchOfUpTo100StudentsIsAcceptedAndMoreRefusedWhole(@ForAll @IntRange(min = 0, max = 130) int size) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode students = body.putArray(StudentRequests.STUDENTS);
        for (int i = 0; i < size; i++) students.add(item("s" + i));
        ObjectNode deletes = JSON.createObjectNode();
        ArrayNode ids = deletes.putArray(StudentRequests.USERIDLIST);
        for (int i = 0; i < size; i++) ids.add("s" + i);
        if (size == 0) {
            // batch_create_student's students and the useridlist are required (spec 6.3, 6.6); batch_update's is not
            assertThat(StudentRequests.changes(body)).isEmpty();
            assertThat(refusal(() -> StudentRequests.newStudents(body)).errmsg()).isEqualTo("invalid parameter: students");
            assertThat(refusal(() -> StudentRequests.useridList(deletes)).errmsg()).isEqualTo("invalid parameter: useridlist");
        } else if (size <= Limits.MAX_BATCH_ITEMS) {
            assertThat(StudentRequests.changes(body)).hasSize(size);
            assertThat(StudentRequests.newStudents(body)).hasSize(size);
            assertThat(StudentRequests.useridList(deletes)).hasSize(size);
        } else {
            assertThat(refusal(() -> StudentRequests.changes(body)).errmsg()).isEqualTo("invalid parameter: students");
            assertThat(refusal(() -> StudentRequests.newStudents(body)).errmsg()).isEqualTo("invalid parameter: students");
            assertThat(refusal(() -> StudentRequests.useridList(deletes)).errmsg()).isEqualTo("invalid parameter: useridlist");
        }
    }

    @Property(tries = 300)
    void anyJsonValueOfTheWrongTypeIsReadAsAbsentAndNoted(@ForAll("wrongTypes") JsonNode value, @ForAll("fields") String field) {
        ObjectNode item = item("s1");
        item.put(StudentRequests.NAME, "kept");
        item.set(field, value);
        StudentChange c;
        List<String> mistyped;
        try (JsonFields.Mistyped m = JsonFields.Mistyped.open()) {
            c = StudentRequests.change(item);
            mistyped = m.fields();
        }
        assertThat(mistyped).containsExactly(field);
        switch (field) {
            case StudentRequests.USERID -> assertThat(c.userid()).isNull();
            case StudentRequests.NEW_USERID -> assertThat(c.newUserid()).isNull();
            case StudentRequests.NAME -> assertThat(c.name()).isNull();
            case StudentRequests.MOBILE -> assertThat(c.mobile()).isNull();
            default -> assertThat(c.departments()).isEmpty();
        }
        if (!field.equals(StudentRequests.NAME)) assertThat(c.name()).isEqualTo("kept");
    }

    @Provide
    Arbitrary<String> fields() {
        return Arbitraries.of(StudentRequests.USERID, StudentRequests.NEW_USERID, StudentRequests.NAME, StudentRequests.MOBILE,
                StudentRequests.DEPARTMENT);
    }

    @Provide
    Arbitrary<JsonNode> wrongTypes() {
        return Arbitraries.of(JSON.createObjectNode(), JSON.getNodeFactory().numberNode(1.5), JSON.getNodeFactory().booleanNode(true),
                JSON.createArrayNode().add(JSON.createObjectNode()), JSON.createArrayNode().add(7).addNull());
    }
}
