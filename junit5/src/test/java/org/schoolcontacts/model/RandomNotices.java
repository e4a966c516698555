package org.schoolcontacts.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.schoolcontacts.model.RandomRequests.Operation;

/**
 * Random school notices (message/send) over what the school holds when each is drawn: by parent, by
 * student, by class, grade or root, to all, with recv_scope 0-2, ids in another case, ids of the wrong
 * kind, unknown ids and classes, and now and then a fault of §4.2 (an app that is no parent app, a missing
 * or wrong agentid, an unknown msgtype, empty content, recv_scope 3, nobody named). Every notice's text is
 * unique, so an inbox can be compared by text.
 */
final class RandomNotices {
    static final String SEND = "/cgi-bin/externalcontact/message/send";
    private static final List<String> UNKNOWN_USERS = List.of("nobody", "s13", "p6", "r4");
    private static final List<Object> UNKNOWN_PARTIES = List.of(99L, "36", "x11", 42L);

    private final Random random;
    private final ModelSchool school;
    private int count;

    RandomNotices(Random random, ModelSchool school) {
        this.random = random;
        this.school = school;
    }

    Operation next() {
        Map<String, Object> body = new LinkedHashMap<>();
        long caller = NoticeModel.NOTIFIER;
        int fault = random.nextInt(100);
        if (fault >= 94) caller = 1000001; // the editor: no parent app
        if (fault == 3) body.remove("agentid");
        else body.put("agentid", fault == 4 ? 999L : fault == 5 ? 1000002L : NoticeModel.NOTIFIER);
        body.put("msgtype", fault == 6 ? "telegram" : "text");
        body.put("text", Map.of("content", fault == 7 ? "" : "notice " + (++count) + " " + random.nextInt(1_000_000)));
        int scope = random.nextInt(4);
        if (scope < 3) body.put("recv_scope", scope); // else absent: 0
        if (fault == 8) body.put("recv_scope", 3);
        if (fault != 9) { // 9: nobody named, 82001
            int targets = 1 + random.nextInt(3);
            for (int i = 0; i < targets; i++) {
                int kind = random.nextInt(10);
                if (kind < 3) add(body, "to_parent_userid", userid(true));
                else if (kind < 6) add(body, "to_student_userid", userid(false));
                else if (kind < 9) add(body, "to_party", party());
                else body.put("toall", random.nextBoolean() ? 1 : Boolean.TRUE);
            }
            if (random.nextInt(20) == 0) body.put("toall", 0);
        }
        Map<String, Object> sent = Map.copyOf(body);
        long from = caller;
        return new Operation("message/send", "POST", SEND, body, null, m -> m.sendNotice(from, sent), from);
    }

    /** Adds {@code id} to the list unless the very same string is there already (the lists are sets of names). */
    private static void add(Map<String, Object> body, String field, Object id) {
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) body.computeIfAbsent(field, f -> new ArrayList<>());
        if (list.stream().noneMatch(o -> String.valueOf(o).equals(String.valueOf(id)))) list.add(id);
    }

    /** Mostly a holder of the right kind, in a random case; sometimes one of the other kind or nobody. */
    private String userid(boolean parent) {
        int roll = random.nextInt(10);
        List<String> right = (parent ? school.parents().stream().map(p -> p.userid) : school.students().stream().map(s -> s.userid)).toList();
        List<String> wrong = (parent ? school.students().stream().map(s -> s.userid) : school.parents().stream().map(p -> p.userid)).toList();
        if (roll < 6 && !right.isEmpty()) return recase(pick(right));
        if (roll < 8 && !wrong.isEmpty()) return recase(pick(wrong));
        return pick(UNKNOWN_USERS);
    }

    /** A class of the sequences (as a number or a string), one of their own classes 40-43, the grade, the root, or none. */
    private Object party() {
        int roll = random.nextInt(10);
        Object id;
        if (roll < 5) id = pick(SchoolModel.CLASSES);
        else if (roll < 7) id = pick(SchoolModel.EXTRA_CLASSES);
        else if (roll < 8) id = random.nextBoolean() ? SchoolModel.GRADE : 1L;
        else return pick(UNKNOWN_PARTIES);
        return random.nextBoolean() ? id : String.valueOf(id);
    }

    private String recase(String id) {
        if (random.nextBoolean()) return id;
        StringBuilder b = new StringBuilder(id.length());
        for (char ch : id.toCharArray()) b.append(random.nextBoolean() ? Character.toUpperCase(ch) : Character.toLowerCase(ch));
        return b.toString();
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
