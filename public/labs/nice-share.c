/* nice-share.c: two CPU-bound processes pinned to one CPU, one at nice 0 and one at nice N,
 * each printing how much CPU time it got. Compare the split with Linux's weight table
 * (nice 0 = 1024, nice 1 = 820, nice 5 = 335, nice 10 = 110, nice 19 = 15).
 *
 *   gcc -O2 -Wall -o nice-share nice-share.c
 *   ./nice-share 5          # B at nice 5; default 1; optional second argument: seconds (3)
 *
 * Both children stay in this program's session, so autogroup (sched_autogroup_enabled=1) puts
 * them in the same scheduling group and nice decides between them. Linux only. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(clockid_t c) {
    struct timespec ts;
    clock_gettime(c, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Spin until `seconds` of wall time have passed; store this process's CPU time in *out. */
static void spin(double seconds, volatile double *out) {
    double end = now(CLOCK_MONOTONIC) + seconds;
    volatile unsigned long x = 0;
    while (now(CLOCK_MONOTONIC) < end)
        for (int i = 0; i < 10000; i++) x++;
    *out = now(CLOCK_PROCESS_CPUTIME_ID);
}

int main(int argc, char **argv) {
    int nice_b = argc > 1 ? atoi(argv[1]) : 1;
    double seconds = argc > 2 ? atof(argv[2]) : 3.0;
    if (nice_b < -20 || nice_b > 19 || seconds <= 0) {
        fprintf(stderr, "usage: %s [nice of B, -20..19] [seconds]\n", argv[0]);
        return 2;
    }
    /* two doubles shared with the children, for their CPU times */
    volatile double *cpu = mmap(NULL, 2 * sizeof(double), PROT_READ | PROT_WRITE,
                                MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (cpu == MAP_FAILED) { perror("mmap"); return 1; }

    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(0, &one);                       /* both on CPU 0: they must share it */
    if (sched_setaffinity(0, sizeof one, &one) != 0) { perror("sched_setaffinity"); return 1; }

    pid_t pid[2];
    int nice_of[2] = {0, nice_b};
    for (int k = 0; k < 2; k++) {
        pid[k] = fork();
        if (pid[k] < 0) { perror("fork"); return 1; }
        if (pid[k] == 0) {                  /* the child inherits the affinity */
            if (setpriority(PRIO_PROCESS, 0, nice_of[k]) != 0) {
                fprintf(stderr, "setpriority(%d): %s (a negative nice needs privilege)\n",
                        nice_of[k], strerror(errno));
                _exit(1);
            }
            spin(seconds, &cpu[k]);
            _exit(0);
        }
    }
    for (int k = 0; k < 2; k++) waitpid(pid[k], NULL, 0);

    double total = cpu[0] + cpu[1];
    printf("A (nice 0):  %.3f s of CPU, %.1f %%\n", cpu[0], 100 * cpu[0] / total);
    printf("B (nice %d): %.3f s of CPU, %.1f %%\n", nice_b, cpu[1], 100 * cpu[1] / total);
    printf("A/B ratio: %.2f\n", cpu[0] / cpu[1]);
    return 0;
}
