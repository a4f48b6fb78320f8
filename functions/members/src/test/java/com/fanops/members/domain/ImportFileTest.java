package com.fanops.members.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImportFileTest {

    private static final String HEADER = "nickname,email,phone,region,channel,joinedAt,evidence,membership_version,membership_at";
    private static final String ROW = "Fan One,fan1@example.com,,Nanjing,store,2023-05-01T00:00:00Z,paper-1,1,2023-05-01T00:00:00Z";

    private static List<ImportRow> csv(String body) {
        return ImportFile.parse(body, true);
    }

    @Test
    void aQuotedCommaStaysInsideItsField() {
        List<ImportRow> rows = csv(HEADER + "\n\"Wang, Xiao\",fan2@example.com,,\"Nanjing, Gulou\",store,2023-05-01T00:00:00Z,"
                + "\"box 4, folder 2\",1,2023-05-01T00:00:00Z\n");
        assertEquals(1, rows.size());
        ImportRow row = rows.get(0);
        assertNull(row.problem());
        assertEquals("Wang, Xiao", row.nickname());
        assertEquals("Nanjing, Gulou", row.region());
        assertEquals("box 4, folder 2", row.evidence());
    }

    @Test
    void doubledQuotesAreOneQuote() {
        ImportRow row = csv(HEADER + "\n\"The \"\"Real\"\" Fan\",fan3@example.com,,Nanjing,store,2023-05-01T00:00:00Z,paper-3,1,"
                + "2023-05-01T00:00:00Z\n").get(0);
        assertEquals("The \"Real\" Fan", row.nickname());
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsIgnored() {
        List<ImportRow> rows = csv("\uFEFF" + HEADER + "\n" + ROW + "\n");
        assertNull(rows.get(0).problem(), rows.get(0).problem());
        assertEquals("Fan One", rows.get(0).nickname());
    }

    @Test
    void crlfLineEndsAndBlankTrailingLinesReadLikeLf() {
        List<ImportRow> crlf = csv(HEADER + "\r\n" + ROW + "\r\n" + ROW.replace("fan1@", "fan9@") + "\r\n\r\n\r\n");
        assertEquals(2, crlf.size());
        crlf.forEach(r -> assertNull(r.problem(), r.problem()));
        assertEquals("2023-05-01T00:00:00Z", crlf.get(1).consents().get(Purpose.MEMBERSHIP).at().toString(), "no \\r left in the last column");
        assertEquals(List.of(2, 3), crlf.stream().map(ImportRow::line).toList());
    }

    @Test
    void rejectionsKeepTheLineTheRowStartsOn() {
        String body = HEADER + "\n"
                + "\n"
                + "Fan Four,fan4@example.com,,Nanjing,store,2023-05-01T00:00:00Z,\"paper\nbox 4\",1,2023-05-01T00:00:00Z\n"
                + "Short,row\n"
                + "Bad Fan,bad,,Nanjing,store,2023-05-01T00:00:00Z,paper-5,1,2023-05-01T00:00:00Z\n";
        List<ImportRow> rows = csv(body);
        assertEquals(List.of(3, 5, 6), rows.stream().map(ImportRow::line).toList());
        assertNull(rows.get(0).problem(), rows.get(0).problem());
        assertEquals("paper\nbox 4", rows.get(0).evidence(), "a quoted line break is part of the field");
        assertEquals("expected 9 columns, found 2", rows.get(1).problem());
        assertEquals("email is not valid", rows.get(2).problem());
    }

    @Test
    void rowsFollowTheSignUpFieldRules() {
        String body = HEADER + "\n"
                + "\"Two\nLines\",fan4@example.com,,Nanjing,store,2023-05-01T00:00:00Z,paper-4,1,2023-05-01T00:00:00Z\n"
                + "\u200b,fan5@example.com,,Nanjing,store,2023-05-01T00:00:00Z,paper-5,1,2023-05-01T00:00:00Z\n"
                + "Fan Six,fan6@example.com,,Nan\u0000jing,store,2023-05-01T00:00:00Z,paper-6,1,2023-05-01T00:00:00Z\n"
                + "Fan \ud800,fan7@example.com,,Nanjing,store,2023-05-01T00:00:00Z,paper-7,1,2023-05-01T00:00:00Z\n"
                + "Zoe\u0308,fan8@example.com,,Nanjing,store,2023-05-01T00:00:00Z,paper-8,1,2023-05-01T00:00:00Z\n";
        List<ImportRow> rows = csv(body);
        assertEquals("nickname must be one line without control characters", rows.get(0).problem());
        assertEquals("nickname is required", rows.get(1).problem());
        assertEquals("region must not contain NUL", rows.get(2).problem());
        assertEquals("nickname must not contain a lone surrogate", rows.get(3).problem());
        assertNull(rows.get(4).problem(), rows.get(4).problem());
        assertEquals("Zo\u00eb", rows.get(4).nickname(), "stored as NFC");
    }

    @Test
    void anUnclosedQuoteIsReportedOnItsLineAndStopsTheFile() {
        List<ImportRow> rows = csv(HEADER + "\n" + ROW + "\n\"Open,fan5@example.com,,Nanjing\n" + ROW + "\n");
        assertNull(rows.get(0).problem());
        assertEquals(3, rows.get(rows.size() - 1).line());
        assertEquals("not valid CSV from this line on (check its quotes)", rows.get(rows.size() - 1).problem());
    }

    @Test
    void jsonLinesAcceptAByteOrderMarkAndCrlf() {
        String json = "{\"nickname\":\"Json Fan\",\"email\":\"json@example.com\",\"region\":\"Nanjing\",\"joinedAt\":\"2023-05-01T00:00:00Z\","
                + "\"evidence\":\"crm-1\",\"consents\":[{\"purpose\":\"membership\",\"noticeVersion\":1,\"at\":\"2023-05-01T00:00:00Z\"}]}";
        List<ImportRow> rows = ImportFile.parse("\uFEFF" + json + "\r\n\r\n" + json + "\r\n", false);
        assertEquals(List.of(1, 3), rows.stream().map(ImportRow::line).toList());
        rows.forEach(r -> assertNull(r.problem(), r.problem()));
    }

    @Test
    void aJsonLineThatIsNotAnObjectIsARejectedRowNotAFault() {
        // The fuzzer's finding: the line "null" was a NullPointerException (500) on the import route.
        List<ImportRow> rows = ImportFile.parse("null\n[1,2]\n\"text\"\n42\n", false);
        assertEquals(4, rows.size());
        rows.forEach(r -> assertEquals(true, r.problem() != null && r.problem().startsWith("not a valid JSON row"), String.valueOf(r.problem())));
    }
}
