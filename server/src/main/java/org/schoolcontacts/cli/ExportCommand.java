package org.schoolcontacts.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.schoolcontacts.Services;
import org.schoolcontacts.roster.Exporter;
import org.schoolcontacts.roster.SeedExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import java.io.PrintWriter;

/** {@code export --corpid C FILE}: a roster (.csv, .xlsx) or, for .json, the school as a seed file. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a school of the store: a roster (.csv or .xlsx, one row per student, the format import reads) "
                + "or, for a .json file, the school's whole current state as a seed file for --seed (with the apps' secrets).")
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--corpid", required = true, description = "the school (corp id) to export")
    String corpId;

    @Parameters(index = "0", paramLabel = "FILE", description = "where to write: .csv, .xlsx or .json (seed)")
    Path file;

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean seed = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        if (!seed) org.schoolcontacts.roster.RosterFile.formatOf(file); // a wrong extension fails before the store opens
        Services services = StoreOptions.open(store.config());
        try {
            if (seed) {
                new SeedExport(services).write(corpId, file);
                out.println("exported " + corpId + " as a seed file to " + file + " (it holds the apps' secrets)");
            } else {
                int rows = new Exporter(services).export(corpId, file);
                out.println("exported " + corpId + ": " + rows + " students to " + file);
            }
            out.flush();
            return 0;
        } finally {
            services.db().close();
        }
    }
}
