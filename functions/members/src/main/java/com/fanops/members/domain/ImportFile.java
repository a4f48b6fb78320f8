package com.fanops.members.domain;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An import file as the brand exports it: JSON lines, or CSV (RFC 4180: quoted fields may hold commas, doubled
 * quotes and line breaks) with a header row naming the columns {@link ImportRow} reads. Either may start with a
 * UTF-8 byte order mark and end lines with CRLF or LF; blank lines are skipped. Every row keeps the number of the
 * line it starts on, so a rejection points at the line a spreadsheet shows.
 */
public final class ImportFile {

    /** Without a schema, each record is an array of strings. */
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    private ImportFile() {
    }

    public static List<ImportRow> parse(String body, boolean csv) {
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        return csv ? csv(text) : jsonLines(text);
    }

    private static List<ImportRow> jsonLines(String body) {
        List<ImportRow> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new StringReader(body))) {
            int line = 0;
            for (String text; (text = in.readLine()) != null; ) {
                line++;
                if (!text.isBlank()) {
                    rows.add(ImportRow.fromJson(line, text));
                }
            }
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return rows;
    }

    private static List<ImportRow> csv(String body) {
        List<ImportRow> rows = new ArrayList<>();
        Lines lines = new Lines(body);
        List<String> header = null;
        List<String> cells = new ArrayList<>();
        int line = 0;
        long end = 0; // where the last complete record ended
        try (JsonParser parser = CSV.createParser(body)) {
            for (JsonToken token; (token = parser.nextToken()) != null; ) {
                if (token == JsonToken.START_ARRAY) {
                    cells = new ArrayList<>();
                    line = 0;
                } else if (token == JsonToken.VALUE_STRING) {
                    if (line == 0) {
                        line = lines.at(parser.currentTokenLocation().getCharOffset());
                    }
                    cells.add(parser.getText());
                } else if (token == JsonToken.END_ARRAY) {
                    end = parser.currentLocation().getCharOffset();
                    if (cells.stream().allMatch(String::isBlank)) {
                        continue;
                    }
                    if (header == null) {
                        header = cells.stream().map(String::strip).toList();
                    } else {
                        rows.add(ImportRow.fromCells(line, header, cells));
                    }
                }
            }
        } catch (IOException malformed) {
            // An unclosed quote swallows the rest of the file: the record it starts is reported, nothing after it.
            rows.add(ImportRow.rejected(lines.at(lines.nextNonBlank(end)), "not valid CSV from this line on (check its quotes)"));
        }
        return rows;
    }

    /** Line numbers (1-based, CRLF, LF or CR ends) of character offsets in the file. */
    private static final class Lines {
        private final String text;
        private final List<Integer> starts = new ArrayList<>(List.of(0));

        Lines(String text) {
            this.text = text;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                    starts.add(i + 1);
                }
            }
        }

        int at(long offset) {
            int found = Collections.binarySearch(starts, (int) Math.min(offset, text.length()));
            return found >= 0 ? found + 1 : -found - 1;
        }

        long nextNonBlank(long offset) {
            int i = (int) Math.min(offset, text.length());
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            return i;
        }
    }
}
