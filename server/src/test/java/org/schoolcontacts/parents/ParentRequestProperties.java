package org.schoolcontacts.parents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComException;

/**
 * The request-level edges of the parent bodies (spec 6, 12 Q7) against {@link Limits}: a relation of
 * 1-32 bytes, 1-10 children, 100 items, 1-64-byte ids. Breaking one refuses the whole request with
 * 40058 naming the field (65011 for more than 100 parents); keeping them, the body parses whatever
 * else is wrong with it.
 */
class ParentRequestProperties {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Characters of 1, 2 and 3 UTF-8 bytes (and 4-byte edge cases), so byte and character counts differ. */
    @Provide
    Arbitrary<String> relations() {
        return Arbitraries.strings().withChars('a', 'Z', '7', 'é', 'ß', '爸', '妈', '伯').ofMinLength(0).ofMaxLength(24)
                .edgeCases(e -> e.add("😀".repeat(8), "😀".repeat(8) + "a", "伯".repeat(10) + "ab", "伯".repeat(11)));
    }

    private static ObjectNode parentWith(int children, String relation) {
        ObjectNode body = JSON.createObjectNode().put("parent_userid", "p1").put("mobile", "13900000001");
        ArrayNode list = body.putArray("children");
        for (int i = 0; i < children; i++) list.addObject().put("student_userid", "s" + i).put("relation", relation);
        return body;
    }

    private static String refusal(Runnable r) {
        WeComException e = catchThrowableOfType(r::run, WeComException.class);
        if (e == null) return null;
        assertThat(e.errcode()).isEqualTo(40058);
        return e.errmsg();
    }

    @Property
    void aRelationIsAcceptedExactlyWhenItIsOneToThirtyTwoBytes(@ForAll("relations") String relation) {
        int bytes = relation.getBytes(StandardCharsets.UTF_8).length;
        String refused = refusal(() -> ParentRequests.newParent(parentWith(1, relation)));
        if (bytes >= 1 && bytes <= Limits.RELATION_MAX_BYTES) assertThat(refused).isNull();
        else assertThat(refused).isEqualTo("invalid parameter: relation");
        assertThat(refusal(() -> ParentRequests.parentChange(parentWith(1, relation)))).isEqualTo(refused);
    }

    @Property
    void upToTenChildrenParseAndMoreRefuseTheRequest(@ForAll @IntRange(min = 0, max = 14) int children) {
        if (children <= Limits.MAX_CHILDREN_PER_PARENT) {
            assertThat(ParentRequests.newParent(parentWith(children, "x")).children()).hasSize(children);
            assertThat(ParentRequests.parentChange(parentWith(children, "x")).children()).hasSize(children);
        } else {
            assertThat(refusal(() -> ParentRequests.newParent(parentWith(children, "x")))).isEqualTo("invalid parameter: children");
            assertThat(refusal(() -> ParentRequests.parentChange(parentWith(children, "x")))).isEqualTo("invalid parameter: children");
        }
    }

    @Property(tries = 30)
    void aBatchOfOneToAHundredItemsParsesAndMoreRefuseTheRequestWith65011(@ForAll @IntRange(min = 0, max = 104) int items) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode parents = body.putArray("parents");
        ObjectNode ids = JSON.createObjectNode();
        ArrayNode useridlist = ids.putArray("useridlist");
        for (int i = 0; i < items; i++) {
            parents.add(parentWith(1, "x"));
            useridlist.add("p" + i);
        }
        if (items == 0) {
            // the create and delete arrays are required (D-92078, D-92080 是); update's is not
            assertThat(refusal(() -> ParentRequests.newParents(body))).isEqualTo("invalid parameter: parents");
            assertThat(ParentRequests.parentChanges(body)).isEmpty();
            assertThat(refusal(() -> ParentRequests.useridList(ids))).isEqualTo("invalid parameter: useridlist");
        } else if (items <= Limits.MAX_BATCH_ITEMS) {
            assertThat(ParentRequests.newParents(body)).hasSize(items);
            assertThat(ParentRequests.parentChanges(body)).hasSize(items);
            assertThat(ParentRequests.useridList(ids)).hasSize(items);
        } else {
            for (Runnable r : List.<Runnable>of(() -> ParentRequests.newParents(body), () -> ParentRequests.parentChanges(body),
                    () -> ParentRequests.useridList(ids))) {
                WeComException e = catchThrowableOfType(r::run, WeComException.class);
                assertThat(e.errcode()).isEqualTo(65011);
                assertThat(e.errmsg()).isEqualTo("parent userid count exceeds limit");
            }
        }
    }

    @Property
    void idsOfOneToSixtyFourBytesParseWhateverTheirCharactersAndOthersRefuseTheRequest(
            @ForAll @IntRange(min = 0, max = 70) int length, @ForAll("idCharacters") String c) {
        String id = c.repeat(length);
        int bytes = id.getBytes(StandardCharsets.UTF_8).length;
        ObjectNode body = parentWith(1, "x").put("parent_userid", id);
        ObjectNode change = JSON.createObjectNode().put("parent_userid", "p1").put("new_parent_userid", id);
        ObjectNode child = parentWith(0, "x");
        child.withArray("children").addObject().put("student_userid", id).put("relation", "x");
        boolean ok = bytes >= 1 && bytes <= Limits.USERID_MAX_BYTES;
        // the grammar (40003) is an item rule: a 64-byte id of forbidden characters still parses
        assertThat(refusal(() -> ParentRequests.newParent(body))).isEqualTo(ok ? null : "invalid parameter: parent_userid");
        assertThat(refusal(() -> ParentRequests.parentChange(change))).isEqualTo(ok ? null : "invalid parameter: new_parent_userid");
        assertThat(refusal(() -> ParentRequests.newParent(child))).isEqualTo(ok ? null : "invalid parameter: student_userid");
    }

    @Provide
    Arbitrary<String> idCharacters() {
        return Arbitraries.of("a", "Z", "9", "_", "#", "中", "😀");
    }
}
