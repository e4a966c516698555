package org.schoolcontacts.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.roster.Columns.ParentField;

/**
 * Every Chinese column name docs/roster.md promises is read as its English column, so the documented
 * table and the reader cannot drift apart.
 */
class ColumnAliasesTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_{}n]+)` \\| (.+?) \\|", Pattern.MULTILINE);
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** (English column, Chinese alias) pairs from the table of docs/roster.md, {n} as parent 2. */
    private static List<String[]> documentedAliases() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "roster.md"));
        List<String[]> pairs = new ArrayList<>();
        Matcher row = ROW.matcher(doc);
        while (row.find()) {
            Matcher alias = CODE.matcher(row.group(2));
            while (alias.find()) pairs.add(new String[] {row.group(1).replace("{n}", "2"), alias.group(1).replace("{n}", "2")});
        }
        return pairs;
    }

    @Test
    void everyDocumentedChineseColumnNameIsReadAsItsEnglishColumn() throws IOException {
        List<String[]> pairs = documentedAliases();
        assertThat(pairs).extracting(p -> p[0]).contains("student_userid", "name", "grade", "class", "mobile", "parent2_userid",
                "parent2_mobile", "parent2_relation");
        for (String[] p : pairs) {
            List<String> header = new ArrayList<>(List.of(p[1]));
            if (!p[0].equals("student_userid")) header.add("student_userid");
            if (p[0].equals("grade")) header.add("class");
            if (p[0].equals("class")) header.add("grade");
            if (p[0].startsWith("parent2_") && !p[0].equals("parent2_userid")) header.add("parent2_userid");
            Columns c = Columns.of(header);
            if (p[0].startsWith("parent2_")) {
                ParentField f = ParentField.valueOf(p[0].substring("parent2_".length()).toUpperCase(java.util.Locale.ROOT));
                assertThat(c.hasParentField(2, f)).as(p[1] + " is " + p[0]).isTrue();
            } else {
                assertThat(c.has(p[0])).as(p[1] + " is " + p[0]).isTrue();
            }
        }
    }

    @Test
    void aChineseNameAndItsEnglishColumnTogetherAreOneColumnGivenTwice() {
        assertThatThrownBy(() -> Columns.of(List.of("student_userid", "姓名", "name"))).isInstanceOf(RosterException.class);
    }
}
