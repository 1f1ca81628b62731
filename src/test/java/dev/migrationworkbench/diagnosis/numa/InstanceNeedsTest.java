package dev.migrationworkbench.diagnosis.numa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A NUMA topology exactly when nova/virt/hardware.py numa_get_constraints gives one. */
class InstanceNeedsTest {

    private static InstanceNeeds needs(Map<String, String> specs, Map<String, String> image) {
        return InstanceNeeds.of("vm", "f", 4096, 4, specs, image);
    }

    @Test
    void aPlainFlavorHasNoNumaTopology() {
        assertThat(needs(Map.of(), Map.of()).numaBound()).isFalse();
        assertThat(needs(Map.of("hw:cpu_policy", "shared"), Map.of()).numaBound()).isFalse();
        assertThat(needs(Map.of("resources:VCPU", "4"), Map.of()).numaBound()).isFalse();
        assertThat(needs(Map.of("hw:cpu_thread_policy", "prefer", "quota:cpu_shares", "1024"), Map.of()).numaBound())
                .isFalse();
    }

    @Test
    void eachOfNovasTriggersGivesOne() {
        assertThat(needs(Map.of("hw:numa_nodes", "2"), Map.of()).numaNodes()).isEqualTo(2);
        assertThat(needs(Map.of("hw:cpu_policy", "dedicated"), Map.of()).numaBound()).isTrue();
        assertThat(needs(Map.of("hw:cpu_policy", "mixed", "hw:cpu_dedicated_mask", "^0"), Map.of()).numaBound()).isTrue();
        assertThat(needs(Map.of("hw:mem_page_size", "small"), Map.of()).numaBound()).isTrue();
        assertThat(needs(Map.of("hw:mem_page_size", "2048"), Map.of()).pageSizeKb()).isEqualTo(2048L);
        assertThat(needs(Map.of("resources:PCPU", "4"), Map.of()).dedicatedCpus()).isTrue();
        assertThat(needs(Map.of("resources1:PCPU", "4"), Map.of()).numaReasons()).containsExactly("resources1:PCPU=dedicated");
        assertThat(needs(Map.of("hw:pmem", "6GB"), Map.of()).numaBound()).isTrue();
    }

    @Test
    void theImagesPropertiesCountWhereNovaReadsThem() {
        assertThat(needs(Map.of(), Map.of("hw_numa_nodes", "1")).numaBound()).isTrue();
        assertThat(needs(Map.of(), Map.of("hw_cpu_policy", "dedicated")).numaReasons())
                .containsExactly("image hw_cpu_policy=dedicated");
        // the flavor's shared policy wins over the image (get_cpu_policy_constraint)
        assertThat(needs(Map.of("hw:cpu_policy", "shared"), Map.of("hw_cpu_policy", "dedicated")).numaBound()).isFalse();
        // an image page size without the flavor's is refused by Nova (MemoryPageSizeForbidden), never a topology
        assertThat(needs(Map.of(), Map.of("hw_mem_page_size", "1GB")).numaBound()).isFalse();
        // the image narrows the flavor's "large"
        assertThat(needs(Map.of("hw:mem_page_size", "large"), Map.of("hw_mem_page_size", "1GB")).pageSizeKb())
                .isEqualTo(1048576L);
    }
}
