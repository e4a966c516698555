package org.schoolcontacts;

import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.departments.Departments;
import org.schoolcontacts.events.DirectoryChanges;
import org.schoolcontacts.events.Outbox;
import org.schoolcontacts.notices.Notices;
import org.schoolcontacts.parents.Parents;
import org.schoolcontacts.parents.SchoolReads;
import org.schoolcontacts.providers.ProviderApps;
import org.schoolcontacts.providers.Providers;
import org.schoolcontacts.schoolservice.SchoolService;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.students.Students;
import org.schoolcontacts.tokens.Tokens;

/** The domain services of one server, built over one store and one clock. */
public record Services(Database db, ServerClock clock, Tokens tokens, Departments departments, Students students,
                       Parents parents, SchoolReads reads, Notices notices, Providers providers,
                       SchoolService schoolService) {

    public static Services over(Database db, ServerClock clock) {
        return over(db, clock, new Outbox(clock));
    }

    /** @param outbox where every directory write records its change events */
    public static Services over(Database db, ServerClock clock, Outbox outbox) {
        DirectoryChanges changes = new DirectoryChanges(outbox);
        Tokens tokens = new Tokens(db, clock);
        return new Services(db, clock, tokens, new Departments(db, clock, changes), new Students(db, clock, changes),
                new Parents(db, clock, changes), new SchoolReads(db, clock), Notices.over(db, clock), ProviderApps.service(db, clock, tokens, outbox),
                new SchoolService(db, clock));
    }
}
