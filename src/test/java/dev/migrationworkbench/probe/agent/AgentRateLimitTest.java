package dev.migrationworkbench.probe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AgentRateLimitTest {

    @Test
    void aBurstIsServedThenRequestsAreRefusedUntilTokensRefill() throws Exception {
        RateLimiter limiter = new RateLimiter(20, 5);
        InetAddress client = InetAddress.getByName("192.0.2.1");
        InetAddress other = InetAddress.getByName("192.0.2.2");
        int served = 0;
        for (int i = 0; i < 5; i++) {
            served += limiter.tryAcquire(client) ? 1 : 0;
        }
        assertThat(served).isEqualTo(5);
        assertThat(limiter.tryAcquire(client)).isFalse();
        assertThat(limiter.tryAcquire(other)).as("other clients have their own bucket").isTrue();
        Thread.sleep(150); // 20/s: three tokens back
        assertThat(limiter.tryAcquire(client)).isTrue();
    }
}
