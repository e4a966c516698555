package org.schoolcontacts.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.cp.api.WxCpService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** Several threads sharing one WxJava service, as a web application would, against one school. */
@SchoolContactsServer(seed = Compat.SEED)
class WxJavaConcurrencyCompatTest {
    SchoolContactsHandle handle;
    WxCpService wx;
    ExecutorService pool;

    @BeforeEach
    void fresh() {
        handle.reset();
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private <T> List<T> all(List<Callable<T>> calls) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> c : calls) futures.add(pool.submit(c));
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) out.add(f.get());
        return out;
    }

    @Test
    void concurrentCreatesThroughOneServiceAllLand() throws Exception {
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "parallel" + i;
            calls.add(() -> wx.getSchoolUserService().createStudent(id, "Parallel", List.of(201)).getErrmsg());
        }
        assertThat(all(calls)).containsOnly("created").hasSize(40);
        assertThat(wx.getSchoolUserService().getUserList(201, 0).getStudents()).hasSize(40);
        assertThat(Compat.requests(handle, "/cgi-bin/gettoken")).as("WxJava fetched its token once").hasSize(1);
    }

    @Test
    void twoConcurrentRenamesOfOneStudentLetExactlyOneWin() throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (String newId : List.of("meimei.a", "meimei.b")) {
            calls.add(() -> {
                try {
                    wx.getSchoolUserService().updateStudent(Compat.STUDENT, newId, null, null);
                    return 0;
                } catch (WxErrorException e) {
                    return e.getError().getErrorCode();
                }
            });
        }
        List<Integer> codes = all(calls);
        // the loser finds the student already renamed away (60111) or renamed once already (301036)
        assertThat(codes).containsOnlyOnce(0);
        assertThat(codes).anyMatch(c -> c == 60111 || c == 301036);
        assertThat(wx.getSchoolUserService().getUserList(101, 0).getStudents()).singleElement()
                .satisfies(s -> assertThat(s.getStudentUserId()).isIn("meimei.a", "meimei.b"));
    }
}
