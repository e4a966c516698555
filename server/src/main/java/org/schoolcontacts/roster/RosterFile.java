package org.schoolcontacts.roster;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * Roster files as rows of text cells: CSV (RFC 4180, UTF-8, an optional byte-order mark) and XLSX
 * (the first sheet; every cell read as text, numbers without exponent, so a mobile typed as a number
 * stays a mobile). The first row is the header. Row numbers are the file's own (the header is row 1),
 * so a report points at the line a person sees in a spreadsheet.
 */
public final class RosterFile {
    private RosterFile() {}

    /** The format of a path, by its extension. */
    public enum Format { CSV, XLSX }

    public static Format formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) return Format.CSV;
        if (name.endsWith(".xlsx")) return Format.XLSX;
        throw new RosterException(file + ": give a .csv or .xlsx file");
    }

    /** One data row: its number in the file and its cells. */
    public record Line(int number, List<String> cells) {}

    /** A whole file: the header and the data rows (blank rows left out). */
    public record Content(List<String> header, List<Line> rows) {}

    public static Content read(Path file) {
        if (!Files.isReadable(file)) throw new RosterException(file + ": no such readable file");
        try {
            List<Line> all = formatOf(file) == Format.CSV ? readCsv(file) : readXlsx(file);
            if (all.isEmpty()) throw new RosterException(file + ": the file is empty (it needs a header row)");
            List<Line> rows = new ArrayList<>();
            for (Line l : all.subList(1, all.size())) {
                if (l.cells().stream().anyMatch(c -> c != null && !c.isBlank())) rows.add(l);
            }
            return new Content(all.get(0).cells(), rows);
        } catch (IOException e) {
            throw new RosterException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static void write(Path file, List<String> header, List<List<String>> rows) {
        try {
            if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
            if (formatOf(file) == Format.CSV) writeCsv(file, header, rows);
            else writeXlsx(file, header, rows);
        } catch (IOException e) {
            throw new RosterException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    // --- CSV ---

    private static List<Line> readCsv(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            return parseCsv(in);
        } catch (CharacterCodingException e) {
            throw new RosterException(file + ": not UTF-8 text (save the CSV as UTF-8)");
        }
    }

    /** RFC 4180: fields separated by commas, quoted with " (doubled inside), rows ended by CRLF or LF. */
    static List<Line> parseCsv(Reader in) throws IOException {
        List<Line> lines = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        int rowStart = 1;
        int c = in.read();
        if (c == '\uFEFF') c = in.read();
        while (c != -1) {
            if (quoted) {
                if (c == '"') {
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = next;
                        continue;
                    }
                } else {
                    if (c == '\n') line++;
                    field.append((char) c);
                }
            } else if (c == '"' && field.length() == 0 && !fieldStarted) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r') {
                    int next = in.read();
                    if (next != '\n') {
                        endRow(lines, row, field, rowStart);
                        row = new ArrayList<>();
                        line++;
                        rowStart = line;
                        fieldStarted = false;
                        c = next;
                        continue;
                    }
                }
                endRow(lines, row, field, rowStart);
                row = new ArrayList<>();
                line++;
                rowStart = line;
                fieldStarted = false;
            } else {
                field.append((char) c);
                fieldStarted = true;
            }
            c = in.read();
        }
        if (quoted) throw new RosterException("row " + rowStart + ": a quoted field is not closed");
        if (field.length() > 0 || !row.isEmpty() || fieldStarted) endRow(lines, row, field, rowStart);
        return lines;
    }

    private static void endRow(List<Line> lines, List<String> row, StringBuilder field, int number) {
        row.add(field.toString());
        field.setLength(0);
        lines.add(new Line(number, row));
    }

    private static void writeCsv(Path file, List<String> header, List<List<String>> rows) throws IOException {
        try (Writer out = new BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8))) {
            out.write('\uFEFF'); // so that spreadsheet programs read the Chinese names as UTF-8
            csvRow(out, header);
            for (List<String> r : rows) csvRow(out, r);
        }
    }

    private static void csvRow(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.write(',');
            String v = cells.get(i) == null ? "" : cells.get(i);
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                    || (!v.isEmpty() && (Character.isWhitespace(v.charAt(0)) || Character.isWhitespace(v.charAt(v.length() - 1))))) {
                out.write('"');
                out.write(v.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(v);
            }
        }
        out.write("\r\n");
    }

    // --- XLSX ---

    private static List<Line> readXlsx(Path file) throws IOException {
        List<Line> lines = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); ReadableWorkbook wb = new ReadableWorkbook(in)) {
            Sheet sheet = wb.getFirstSheet();
            try (Stream<Row> rows = sheet.openStream()) {
                rows.forEach(r -> {
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < r.getCellCount(); i++) cells.add(text(r.getCell(i)));
                    lines.add(new Line(r.getRowNum(), cells));
                });
            }
        } catch (RosterException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RosterException(file + ": not a readable XLSX workbook (" + e.getMessage() + ")", e);
        }
        return lines;
    }

    private static String text(Cell cell) {
        if (cell == null || cell.getType() == CellType.EMPTY) return "";
        if (cell.getType() == CellType.NUMBER) {
            String raw = cell.getRawValue();
            try {
                return new BigDecimal(raw).stripTrailingZeros().toPlainString();
            } catch (RuntimeException e) {
                return raw;
            }
        }
        String t = cell.getText();
        return t == null ? "" : t;
    }

    private static void writeXlsx(Path file, List<String> header, List<List<String>> rows) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(out, "school-contacts", "1.0");
            Worksheet ws = wb.newWorksheet("roster");
            for (int c = 0; c < header.size(); c++) {
                ws.value(0, c, header.get(c));
                ws.style(0, c).bold().set();
            }
            for (int r = 0; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                // every cell as text: userids and mobiles must not turn into numbers
                for (int c = 0; c < row.size(); c++) if (row.get(c) != null && !row.get(c).isEmpty()) ws.value(r + 1, c, row.get(c));
            }
            ws.finish();
            wb.finish();
        }
    }
}
