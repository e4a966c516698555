package org.schoolcontacts.students;

import org.schoolcontacts.wecom.WeComException;

/**
 * One failed item of a batch, as its {@code result_list} entry shows it (spec 6.5.4): the id exactly
 * as the item sent it ({@code ""} when it sent none) and the item's errcode and errmsg.
 */
public record FailedItem(String studentUserid, int errcode, String errmsg) {
    static FailedItem of(String sentId, WeComException e) {
        return new FailedItem(sentId == null ? "" : sentId, e.errcode(), e.errmsg());
    }
}
