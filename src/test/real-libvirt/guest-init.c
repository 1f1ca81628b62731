/*
 * /init of the test guest's initramfs: dirties guest memory at a chosen rate, forever.
 *
 * Kernel command line:
 *   mw.wss_mib=N       size of the working set, MiB (default 32)
 *   mw.dirty_kibps=R   how much of it is rewritten per second, KiB/s (default 4096; 0: fill once, then idle)
 *
 * The working set is first filled with non-zero bytes (QEMU sends zero pages almost for free, so
 * an untouched buffer would not cost migration bandwidth), then rewritten page by page in a
 * cycle: in T seconds min(R*T, N) of distinct pages are dirty, as with a real workload
 * whose working set is bounded. One 8-byte store per 4 KiB page dirties the page.
 *
 * Prints "mw-dirtier ready" on the console once the working set is filled, then the achieved
 * rate every 10 s.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096L
#define MIB (1024L * 1024L)
#define TICK_NS 20000000L /* 20 ms */

static long param(const char *cmdline, const char *name, long fallback) {
    const char *p = strstr(cmdline, name);
    return p ? strtol(p + strlen(name), NULL, 10) : fallback;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(void) {
    mkdir("/proc", 0755);
    mkdir("/dev", 0755);
    mount("proc", "/proc", "proc", 0, NULL);
    mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
    int console = open("/dev/console", O_WRONLY);
    if (console >= 0) {
        dup2(console, 1);
        dup2(console, 2);
    }
    setvbuf(stdout, NULL, _IONBF, 0);

    char cmdline[4096] = {0};
    int fd = open("/proc/cmdline", O_RDONLY);
    if (fd >= 0) {
        if (read(fd, cmdline, sizeof cmdline - 1) < 0) {
            cmdline[0] = 0;
        }
        close(fd);
    }
    long wss = param(cmdline, "mw.wss_mib=", 32);
    long rate = param(cmdline, "mw.dirty_kibps=", 4096);
    long pages = wss * MIB / PAGE;
    volatile uint8_t *buffer = malloc(wss * MIB);
    if (buffer == NULL) {
        printf("mw-dirtier: cannot allocate %ld MiB\n", wss);
        for (;;) {
            pause();
        }
    }
    for (long i = 0; i < wss * MIB; i += 8) {
        *(volatile uint64_t *) (buffer + i) = 0x5a5a5a5a5a5a5a5aULL ^ (uint64_t) i;
    }
    printf("mw-dirtier ready: working set %ld MiB, dirty rate %ld KiB/s\n", wss, rate);

    double per_tick = (double) rate * 1024 / PAGE * TICK_NS / 1e9;
    double owed = 0;
    long next = 0;
    uint64_t generation = 1;
    long written = 0;
    double report = now() + 10;
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    for (;;) {
        owed += per_tick;
        for (; owed >= 1 && pages > 0; owed -= 1) {
            *(volatile uint64_t *) (buffer + next * PAGE) = generation;
            written++;
            if (++next == pages) {
                next = 0;
                generation++;
            }
        }
        deadline.tv_nsec += TICK_NS;
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_nsec -= 1000000000L;
            deadline.tv_sec++;
        }
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL);
        if (now() >= report) {
            printf("mw-dirtier: %.1f MiB/s\n", written * (double) PAGE / MIB / 10.0);
            written = 0;
            report += 10;
        }
    }
}
