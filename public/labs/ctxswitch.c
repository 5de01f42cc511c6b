/*
 * ctxswitch.c - what does a context switch cost on this machine?
 *
 * A lab for chapter 4 of "Processes, Step by Step" (Context switches). Two tasks pass a token
 * back and forth, A -> B -> A, and the program times a round trip. It does so:
 *
 *   through two pipes, and through one futex word (FUTEX_WAIT / FUTEX_WAKE);
 *   between two processes (fork) and between two threads of one process (pthread_create);
 *   with both tasks pinned to the same CPU, pinned to two different CPUs, and not pinned at all.
 *
 * On one CPU each round trip is exactly two context switches (the program checks this with
 * getrusage and prints what it counted). The same system calls made by one task, with no switch,
 * are timed too and subtracted, so what is left is the switch itself, as lmbench's lat_ctx does:
 *
 *   per hand-off = (round trip - the same system calls without a switch) / 2
 *
 * It also times a null system call, getppid(), as the cost of entering and leaving the kernel,
 * and prints whether the CPU has PCID and whether the kernel uses page-table isolation (PTI),
 * read from /proc/cpuinfo and /sys/devices/system/cpu/vulnerabilities/meltdown: those two decide
 * whether switching address spaces flushes the TLB, which is what chapter 4 is about.
 *
 * Build and run (Linux, x86-64 or arm64; any C99 compiler):
 *
 *   gcc -O2 -pthread -o ctxswitch ctxswitch.c
 *   ./ctxswitch            # about 10 to 30 seconds
 *   ./ctxswitch -r 9       # more rounds: steadier medians on a busy machine
 *
 * Options: -n N   round trips per sample on one CPU (default 20000; a tenth across CPUs)
 *          -r R   rounds (default 5); every test runs once per round, interleaved, and the
 *                 median over rounds is printed, so a burst of other work moves one round only
 *
 * Paste the whole output into the box in chapter 4 to see it beside the book's two machines.
 * The box reads the lines that start with "result"; it keeps them in your browser only.
 * This file is in the public domain.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum via { PIPE, FUTEX };
enum who { PROCESSES, THREADS };
enum where { SAME, DIFF, FREE };
static const char *VIA[] = {"pipe", "futex"};
static const char *WHO[] = {"process", "thread"};
static const char *WHERE[] = {"same-cpu", "two-cpus", "unpinned"};

static int cpu_a = -1, cpu_b = -1; /* the first two CPUs this program may use */
static cpu_set_t all_cpus;         /* the mask it started with (for "unpinned") */

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void die(const char *what) {
  perror(what);
  exit(1);
}

/* Pins the calling thread to one CPU, or lets it run anywhere it could at start (cpu < 0). */
static void pin(int cpu) {
  cpu_set_t set = all_cpus;
  if (cpu >= 0) {
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
  }
  if (sched_setaffinity(0, sizeof set, &set) != 0) die("sched_setaffinity");
}

static long futex(atomic_int *w, int op, int val) {
  return syscall(SYS_futex, w, op, val, NULL, NULL, 0);
}

/* ---- the token passers ---------------------------------------------------------------------- */

struct side {
  enum via via;
  enum who who;
  int cpu;            /* CPU to pin to, or -1 */
  long n;             /* round trips */
  int to[2], from[2]; /* pipes A->B and B->A */
  atomic_int *word;   /* the futex word: 0 = A's turn, 1 = B's turn */
};

static int fop(const struct side *s, int op) {
  return s->who == THREADS ? (op | FUTEX_PRIVATE_FLAG) : op;
}

/* B: wait for the token, hand it back; n times. */
static void run_b(const struct side *s) {
  pin(s->cpu);
  char c;
  for (long i = 0; i < s->n; i++) {
    if (s->via == PIPE) {
      if (read(s->to[0], &c, 1) != 1) die("read");
      if (write(s->from[1], &c, 1) != 1) die("write");
    } else {
      while (atomic_load(s->word) == 0) futex(s->word, fop(s, FUTEX_WAIT), 0);
      atomic_store(s->word, 0);
      futex(s->word, fop(s, FUTEX_WAKE), 1);
    }
  }
}

static void *thread_b(void *arg) {
  run_b(arg);
  return NULL;
}

/* A: hand the token over, wait for it back; n times. Returns microseconds per round trip and,
   through *vcsw, A's context switches (voluntary and involuntary) per round trip. */
static double run_a(const struct side *s, double *vcsw) {
  char c = 'x';
  struct rusage r0, r1;
  getrusage(RUSAGE_THREAD, &r0);
  double t0 = now_us();
  for (long i = 0; i < s->n; i++) {
    if (s->via == PIPE) {
      if (write(s->to[1], &c, 1) != 1) die("write");
      if (read(s->from[0], &c, 1) != 1) die("read");
    } else {
      atomic_store(s->word, 1);
      futex(s->word, fop(s, FUTEX_WAKE), 1);
      while (atomic_load(s->word) == 1) futex(s->word, fop(s, FUTEX_WAIT), 1);
    }
  }
  double t = now_us() - t0;
  getrusage(RUSAGE_THREAD, &r1);
  *vcsw = (double)(r1.ru_nvcsw - r0.ru_nvcsw + r1.ru_nivcsw - r0.ru_nivcsw) / s->n;
  return t / s->n;
}

/* One sample: microseconds per round trip between two tasks. */
static double round_trip(enum via via, enum who who, enum where where, long n, double *vcsw) {
  struct side s = {.via = via, .who = who, .n = n};
  if (pipe(s.to) != 0 || pipe(s.from) != 0) die("pipe");
  s.word = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (s.word == MAP_FAILED) die("mmap");
  atomic_store(s.word, 0);
  int a = where == FREE ? -1 : cpu_a;
  s.cpu = where == FREE ? -1 : where == SAME ? cpu_a : cpu_b;
  pin(a);
  double rt;
  if (who == PROCESSES) {
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) {
      run_b(&s);
      _exit(0);
    }
    rt = run_a(&s, vcsw);
    if (waitpid(pid, NULL, 0) != pid) die("waitpid");
  } else {
    pthread_t t;
    if (pthread_create(&t, NULL, thread_b, &s) != 0) die("pthread_create");
    rt = run_a(&s, vcsw);
    pthread_join(t, NULL);
  }
  close(s.to[0]), close(s.to[1]), close(s.from[0]), close(s.from[1]);
  munmap(s.word, 4096);
  pin(-1);
  return rt;
}

/* The same system calls as one round trip, made by one task, so nothing ever blocks or switches:
   two write+read pairs on one pipe, or two (FUTEX_WAKE with no waiter + FUTEX_WAIT that returns
   EAGAIN at once). Microseconds per round trip's worth. */
static double baseline(enum via via, enum who who, long n) {
  int p[2];
  if (pipe(p) != 0) die("pipe");
  atomic_int w = 0;
  int wake = who == THREADS ? FUTEX_WAKE_PRIVATE : FUTEX_WAKE;
  int wait = who == THREADS ? FUTEX_WAIT_PRIVATE : FUTEX_WAIT;
  char c = 'x';
  pin(cpu_a);
  double t0 = now_us();
  for (long i = 0; i < n; i++)
    for (int k = 0; k < 2; k++) {
      if (via == PIPE) {
        if (write(p[1], &c, 1) != 1 || read(p[0], &c, 1) != 1) die("pipe self");
      } else {
        futex(&w, wake, 1);
        if (futex(&w, wait, 1) == 0 || errno != EAGAIN) die("futex self");
      }
    }
  double t = (now_us() - t0) / n;
  close(p[0]), close(p[1]);
  pin(-1);
  return t;
}

static double null_syscall(long n) {
  pin(cpu_a);
  double t0 = now_us();
  for (long i = 0; i < n; i++) syscall(SYS_getppid);
  double t = (now_us() - t0) / n;
  pin(-1);
  return t;
}

/* ---- what the machine is -------------------------------------------------------------------- */

/* Reads the first line of a file into buf (without its newline); "unknown" if it cannot. */
static void first_line(const char *path, char *buf, size_t len) {
  FILE *f = fopen(path, "r");
  if (!f || !fgets(buf, (int)len, f)) snprintf(buf, len, "unknown");
  else buf[strcspn(buf, "\n")] = 0;
  if (f) fclose(f);
}

/* Whether the "flags" line of /proc/cpuinfo holds the word flag: 1 yes, 0 no, -1 no such line. */
static int cpu_flag(const char *flag) {
  FILE *f = fopen("/proc/cpuinfo", "r");
  if (!f) return -1;
  char line[8192];
  int found = -1;
  while (fgets(line, sizeof line, f)) {
    if (strncmp(line, "flags", 5) != 0) continue;
    found = 0;
    for (char *tok = strtok(strchr(line, ':') + 1, " \t\n"); tok; tok = strtok(NULL, " \t\n"))
      if (strcmp(tok, flag) == 0) found = 1;
    break;
  }
  fclose(f);
  return found;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, int n) {
  qsort(v, n, sizeof *v, cmp);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

#define MAXR 51
#define NTEST 12 /* 2 vias x 2 whos x 3 wheres */

int main(int argc, char **argv) {
  long n = 20000;
  int rounds = 5, opt;
  while ((opt = getopt(argc, argv, "n:r:")) != -1) {
    if (opt == 'n') n = atol(optarg);
    else if (opt == 'r') rounds = atoi(optarg);
    else {
      fprintf(stderr, "usage: %s [-n round-trips] [-r rounds]\n", argv[0]);
      return 2;
    }
  }
  if (n < 100 || rounds < 1 || rounds > MAXR) {
    fprintf(stderr, "ctxswitch: -n must be at least 100 and -r from 1 to %d\n", MAXR);
    return 2;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (sched_getaffinity(0, sizeof all_cpus, &all_cpus) != 0) die("sched_getaffinity");
  for (int c = 0; c < CPU_SETSIZE && cpu_b < 0; c++)
    if (CPU_ISSET(c, &all_cpus)) {
      if (cpu_a < 0) cpu_a = c;
      else cpu_b = c;
    }

  struct utsname u;
  uname(&u);
  char model[256] = "unknown", meltdown[256];
  FILE *f = fopen("/proc/cpuinfo", "r");
  if (f) {
    char line[512];
    while (fgets(line, sizeof line, f))
      if (strncmp(line, "model name", 10) == 0) {
        snprintf(model, sizeof model, "%s", strchr(line, ':') + 2);
        model[strcspn(model, "\n")] = 0;
        break;
      }
    fclose(f);
  }
  first_line("/sys/devices/system/cpu/vulnerabilities/meltdown", meltdown, sizeof meltdown);
  int pcid = cpu_flag("pcid");
  printf("# ctxswitch: context-switch cost (Processes, Step by Step, chapter 4)\n");
  printf("machine kernel: %s %s\n", u.release, u.machine);
  printf("machine cpu: %s\n", model);
  printf("machine cpus usable: %d\n", CPU_COUNT(&all_cpus));
  printf("machine pcid: %s\n", pcid == 1 ? "yes" : pcid == 0 ? "no" : "unknown");
  printf("machine meltdown: %s\n", meltdown);
  printf("machine pti: %s\n", strstr(meltdown, "PTI") ? "on" : strstr(meltdown, "unknown") ? "unknown" : "off");
  printf("# %d rounds; %ld round trips per sample on one CPU, %ld across CPUs\n", rounds, n, n / 10);
  if (cpu_b < 0) printf("# only one CPU is usable: the two-cpus and unpinned tests are skipped\n");

  double sys[MAXR], base[2][2][MAXR], rt[NTEST][MAXR], per[NTEST][MAXR], vcsw[NTEST][MAXR];
  for (int r = 0; r < rounds; r++) {
    sys[r] = null_syscall(n * 10);
    for (int v = 0; v < 2; v++)
      for (int w = 0; w < 2; w++) base[v][w][r] = baseline(v, w, n);
    for (int t = 0; t < NTEST; t++) {
      int v = t / 6, w = (t / 3) % 2, where = t % 3;
      if (where != SAME && cpu_b < 0) continue;
      long k = where == SAME ? n : n / 10;
      rt[t][r] = round_trip(v, w, where, k, &vcsw[t][r]);
      per[t][r] = (rt[t][r] - base[v][w][r]) / 2;
    }
    fprintf(stderr, "round %d of %d done\n", r + 1, rounds);
  }

  printf("# test                                   value\n");
  printf("result syscall getppid us %.3f\n", median(sys, rounds));
  for (int v = 0; v < 2; v++)
    for (int w = 0; w < 2; w++)
      printf("result baseline %s %s us %.3f\n", VIA[v], WHO[w], median(base[v][w], rounds));
  double same_per[2][2] = {{0}};
  for (int t = 0; t < NTEST; t++) {
    int v = t / 6, w = (t / 3) % 2, where = t % 3;
    if (where != SAME && cpu_b < 0) continue;
    double p = median(per[t], rounds), trip = median(rt[t], rounds), cs = median(vcsw[t], rounds);
    if (where == SAME) same_per[v][w] = p;
    printf("result roundtrip %s %s %s us %.3f\n", VIA[v], WHO[w], WHERE[where], trip);
    printf("result handoff %s %s %s us %.3f\n", VIA[v], WHO[w], WHERE[where], p);
    printf("result switches %s %s %s per-trip %.2f\n", VIA[v], WHO[w], WHERE[where], cs);
  }
  for (int v = 0; v < 2; v++)
    printf("# %s, same CPU: a process switch costs %.2f x a thread switch\n", VIA[v],
           same_per[v][PROCESSES] / same_per[v][THREADS]);
  printf("# 'switches' counts task A's context switches per round trip, voluntary (it blocked)\n"
         "# and involuntary (B, woken, preempted it): 1.00 on one CPU, where B is switched out once\n"
         "# too, so one round trip is two context switches. Across CPUs each task idles its own CPU.\n");
  return 0;
}
