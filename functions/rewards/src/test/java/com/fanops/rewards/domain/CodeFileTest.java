package com.fanops.rewards.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fanops.platform.http.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeFileTest {

    @Test
    void codesAreReadFromTheCodeColumn() {
        assertEquals(List.of("AAAA-1", "BBBB-2"), CodeFile.parse("batch,code\n1,AAAA-1\n1,\"BBBB-2\"\n\n").codes());
    }

    @Test
    void duplicatesAndMalformedRowsAreNamedByLineAndRefuseTheWholeFile() {
        CodeFile.Parsed parsed = CodeFile.parse("code\nAAAA-1\nbad code\nAAAA-1\nx\n");
        assertEquals(List.of(), parsed.codes());
        assertEquals(List.of(new FieldError("file.line[3]", "a code is 4-64 of A-Z a-z 0-9 _ -"),
                new FieldError("file.line[4]", "duplicate of line 2"), new FieldError("file.line[5]", "a code is 4-64 of A-Z a-z 0-9 _ -")),
                parsed.errors());
    }

    @Test
    void aFileWithoutACodeHeaderOrWithoutCodesIsRefused() {
        assertEquals("file.line[1]", CodeFile.parse("AAAA-1\nBBBB-2\n").errors().get(0).field());
        assertEquals("file", CodeFile.parse("code\n").errors().get(0).field());
        assertEquals("file", CodeFile.parse("").errors().get(0).field());
    }
}
