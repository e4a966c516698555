package org.schoolcontacts.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Limits#userIdCharactersOk} is a hand-written loop standing in for the grammar's regex (for
 * speed); on every string, including the near misses (non-ASCII letters and digits, the empty
 * string, a punctuation mark first), it must say what the regex says.
 */
class UserIdGrammarProperties {
    private static final Pattern GRAMMAR = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_\\-@.]*");

    @Provide
    Arbitrary<String> candidates() {
        return Arbitraries.strings()
                .withChars("09azAZmM_-@.")
                .withChars(" !#+/:~'\"\t")
                .withChars("éÅıİ１٣中😀ſK")
                .ofMinLength(0).ofMaxLength(12);
    }

    @Property(tries = 2000)
    void theCharacterCheckAgreesWithTheGrammarsRegex(@ForAll("candidates") String id) {
        assertThat(Limits.userIdCharactersOk(id)).isEqualTo(GRAMMAR.matcher(id).matches());
    }

    @Property(tries = 500)
    void theCharacterCheckAgreesWithTheGrammarsRegexOnAnyString(@ForAll String id) {
        assertThat(Limits.userIdCharactersOk(id)).isEqualTo(GRAMMAR.matcher(id).matches());
    }
}
