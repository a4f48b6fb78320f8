package com.fanops.rewards.domain;

import com.fanops.platform.http.FieldError;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An uploaded CSV of coupon codes: a header row naming a {@code code} column (other columns are ignored), then one code per
 * row. Every malformed row and every code given twice is named by its line ({@code file.line[7]}); a file with any of them
 * is refused whole. Read with Jackson's CSV module.
 */
public final class CodeFile {

    public static final int MAX_CODES = 100_000;
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    /** The codes in file order, or the errors. */
    public record Parsed(List<String> codes, List<FieldError> errors) {
    }

    private CodeFile() {
    }

    public static Parsed parse(String text) {
        List<FieldError> errors = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(text)) {
            while (it.hasNext()) {
                rows.add(it.next());
                if (rows.size() > MAX_CODES + 1) {
                    errors.add(new FieldError("file", "at most " + MAX_CODES + " codes per upload"));
                    return new Parsed(List.of(), errors);
                }
            }
        } catch (IOException | RuntimeException e) {
            errors.add(new FieldError("file", "is not readable CSV (line " + (rows.size() + 1) + ")"));
            return new Parsed(List.of(), errors);
        }
        if (rows.isEmpty()) {
            errors.add(new FieldError("file", "is empty: a header row with a code column, then one code per row"));
            return new Parsed(List.of(), errors);
        }
        int column = -1;
        String[] header = rows.get(0);
        for (int i = 0; i < header.length; i++) {
            if ("code".equalsIgnoreCase(header[i].strip())) {
                column = i;
            }
        }
        if (column < 0) {
            errors.add(new FieldError("file.line[1]", "the header row must name a code column"));
            return new Parsed(List.of(), errors);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            int line = r + 1;
            String[] row = rows.get(r);
            if (row.length == 1 && row[0].isBlank()) {
                continue;
            }
            String code = column < row.length ? row[column].strip() : "";
            if (!RewardIds.CODE.matcher(code).matches()) {
                errors.add(new FieldError("file.line[" + line + "]", "a code is 4-64 of A-Z a-z 0-9 _ -"));
                continue;
            }
            Integer first = seen.putIfAbsent(code, line);
            if (first != null) {
                errors.add(new FieldError("file.line[" + line + "]", "duplicate of line " + first));
                continue;
            }
            codes.add(code);
        }
        if (codes.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("file", "holds no codes"));
        }
        return new Parsed(errors.isEmpty() ? List.copyOf(codes) : List.of(), errors);
    }
}
