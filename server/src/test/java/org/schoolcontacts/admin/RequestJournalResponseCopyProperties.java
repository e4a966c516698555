package org.schoolcontacts.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * An answer the transport streams through the journal's copy, in pieces of any size, is journalled
 * as the same text as the whole answer handed over at once: up to 16 KiB characters, and the count of
 * the rest in UTF-16 characters (ASCII, Chinese, and characters outside the BMP alike).
 */
class RequestJournalResponseCopyProperties {
    @Property(tries = 300)
    void aStreamedAnswerIsJournalledAsTheSameTextAsAWholeOne(@ForAll("texts") String text, @ForAll @IntRange(min = 1, max = 20_000) int piece) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        RequestJournal whole = new RequestJournal(1);
        RequestJournal streamed = new RequestJournal(1);
        whole.add(entry(text));
        RequestJournal.ResponseCopy copy = streamed.responseCopy();
        for (int off = 0; off < utf8.length; off += piece) copy.write(utf8, off, Math.min(piece, utf8.length - off));
        streamed.add(entry("ignored"), copy);
        assertThat(response(streamed)).isEqualTo(response(whole));
        assertThat(RequestJournal.ResponseCopy.utf16Length(utf8, 0, utf8.length)).isEqualTo(text.length());
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> runs = Arbitraries.of("a", "\"", "é", "妈妈", "😀", "{\"student_userid\":\"s1\"}", "\u2028")
                .list().ofMaxSize(40).map(l -> String.join("", l));
        // short answers and answers longer than the 16 KiB the journal keeps
        return Arbitraries.oneOf(runs, runs.map(s -> s.repeat(1 + 40_000 / Math.max(1, s.length()))));
    }

    private static RequestJournal.Entry entry(String response) {
        return new RequestJournal.Entry(1L, "GET", "/cgi-bin/school/user/list", "ww", 1L, null, response, 0, 1);
    }

    private static String response(RequestJournal journal) {
        return journal.find(null, null, null, null, 1).get(0).path("response").asText();
    }

}
