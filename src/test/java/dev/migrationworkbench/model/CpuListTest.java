package dev.migrationworkbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuListTest {

    @Test
    void parsesKernelAndNovaSyntax() {
        assertThat(CpuList.parse("0-3,8,10-11")).containsExactly(0, 1, 2, 3, 8, 10, 11);
        assertThat(CpuList.parse(" 4 ")).containsExactly(4);
        assertThat(CpuList.parse("")).isEmpty();
        assertThat(CpuList.parse("0-7,^2-3")).containsExactly(0, 1, 4, 5, 6, 7);
    }

    @Test
    void formatsAsRanges() {
        assertThat(CpuList.format(List.of(11, 0, 1, 2, 3, 8, 10))).isEqualTo("0-3,8,10-11");
        assertThat(CpuList.format(List.of())).isEmpty();
    }

    @Test
    void rejectsGarbageWithThePart() {
        assertThatThrownBy(() -> CpuList.parse("0-3,x")).hasMessageContaining("'x'");
        assertThatThrownBy(() -> CpuList.parse("5-2")).hasMessageContaining("5-2");
    }
}
