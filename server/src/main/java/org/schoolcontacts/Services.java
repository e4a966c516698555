package org.schoolcontacts;

import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.departments.Departments;
import org.schoolcontacts.notices.Notices;
import org.schoolcontacts.parents.Parents;
import org.schoolcontacts.parents.SchoolReads;
import org.schoolcontacts.providers.ProviderApps;
import org.schoolcontacts.providers.Providers;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.students.Students;
import org.schoolcontacts.tokens.Tokens;

/** The domain services of one server, built over one store and one clock. */
public record Services(Database db, ServerClock clock, Tokens tokens, Departments departments, Students students,
                       Parents parents, SchoolReads reads, Notices notices, Providers providers) {

    public static Services over(Database db, ServerClock clock) {
        Tokens tokens = new Tokens(db, clock);
        return new Services(db, clock, tokens, new Departments(db, clock), new Students(db, clock),
                new Parents(db, clock), new SchoolReads(db, clock), Notices.over(db, clock), ProviderApps.service(db, clock, tokens));
    }
}
