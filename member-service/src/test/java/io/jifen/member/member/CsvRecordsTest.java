package io.jifen.member.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

    @Test
    void shouldSplitQuotedFieldsWithCommasQuotesAndLineBreaks() {
        List<List<String>> records = CsvRecords.parse("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\n");

        assertThat(records).containsExactly(List.of("a", "b,c", "say \"hi\""), List.of("two\nlines", "", "x"));
    }

    @Test
    void shouldIgnoreAByteOrderMarkBlankLinesAndAMissingLastLineEnd() {
        assertThat(CsvRecords.parse("\uFEFFh1,h2\n\n\r\nv1,v2")).containsExactly(List.of("h1", "h2"),
                List.of("v1", "v2"));
        assertThat(CsvRecords.parse("")).isEmpty();
    }

    @Test
    void shouldKeepAnEmptyQuotedFieldAsARecord() {
        assertThat(CsvRecords.parse("\"\"\n")).containsExactly(List.of(""));
    }

    @Test
    void shouldRefuseMalformedQuotingNamingTheLine() {
        assertThatThrownBy(() -> CsvRecords.parse("a,b\nc,\"open")).hasMessageContaining("line 2")
                .hasMessageContaining("never closed");
        assertThatThrownBy(() -> CsvRecords.parse("a\"b")).hasMessageContaining("quote inside");
        assertThatThrownBy(() -> CsvRecords.parse("\"a\"b")).hasMessageContaining("after a closing quote");
    }
}
