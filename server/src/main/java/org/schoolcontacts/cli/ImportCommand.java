package org.schoolcontacts.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.schoolcontacts.Services;
import org.schoolcontacts.roster.Importer;
import org.schoolcontacts.roster.RosterFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import java.io.PrintWriter;

/** {@code import --corpid C [--dry-run] FILE}: see docs/roster.md. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a roster (.csv or .xlsx, one row per student) into a school of the store: check every row "
                + "against the API's rules, report the bad ones with their errcode, then apply the good ones.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every row is in the school (or, with --dry-run, would be)", "1:some rows are bad (the others were applied, "
                + "unless --dry-run)", "2:the file or the options cannot be used"})
public final class ImportCommand implements Callable<Integer> {
    @Option(names = "--corpid", required = true, description = "the school (corp id) to import into; it must exist in the store")
    String corpId;

    @Option(names = "--dry-run", description = "check and report only; change nothing")
    boolean dryRun;

    @Parameters(index = "0", paramLabel = "FILE", description = "the roster file, .csv (UTF-8) or .xlsx")
    Path file;

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RosterFile.Content content = RosterFile.read(file);
        Services services = StoreOptions.open(store.config());
        try {
            boolean terminal = System.console() != null;
            Importer.Result result = new Importer(services).run(corpId, content, dryRun, new ProgressBar(spec.commandLine().getErr(), terminal));
            for (Importer.Problem p : result.problems()) {
                out.println("row " + p.row() + ": " + p.subject() + ": errcode " + p.errcode() + " " + p.errmsg());
            }
            out.println(result.summary());
            out.flush();
            return result.problems().isEmpty() ? 0 : 1;
        } finally {
            services.db().close();
        }
    }
}
