/* cgroup-oom.c: what a memory limit does to a process that keeps allocating.
 *
 * A child touches memory 1 MiB at a time and reports each MiB to its parent through a pipe. The
 * parent says how the child ended, how far it got, and the memory cgroup's counters before and
 * after: memory.events (cgroup v2) or memory.failcnt and memory.oom_control (cgroup v1).
 *
 *   gcc -O2 -Wall -o cgroup-oom cgroup-oom.c
 *
 * Two ways to run it under a limit:
 *   systemd-run --user --scope -p MemoryMax=64M ./cgroup-oom 128      (cgroup v2 with systemd)
 *   sudo ./cgroup-oom 128 --make 64 [--high 48]    makes a cgroup of its own, with memory.max
 *                                                  (v1: memory.limit_in_bytes) 64 MiB, and
 *                                                  removes it afterwards
 * The first argument is how many MiB the child touches (default 128). --high sets memory.high
 * (cgroup v2 only): the child is then throttled, not killed, while it stays under memory.max.
 *
 * From the book "Processes, Step by Step", chapter 8. Linux only.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char dir[4096]; /* this process's memory cgroup directory */
static int v2;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

/* Finds the memory cgroup of this process: the v2 line "0::/path" when the unified hierarchy
 * has the memory controller, else the v1 line "N:memory:/path". */
static void find_cgroup(void) {
  FILE *f = fopen("/proc/self/cgroup", "r");
  char line[4096], v1path[4096] = "", v2path[4096] = "";
  while (f && fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = '\0';
    if (strncmp(line, "0::", 3) == 0) snprintf(v2path, sizeof v2path, "%s", line + 3);
    char *m = strstr(line, ":memory:");
    if (m) snprintf(v1path, sizeof v1path, "%s", m + 8);
  }
  if (f) fclose(f);
  FILE *c = fopen("/sys/fs/cgroup/cgroup.controllers", "r");
  char ctl[512] = "";
  if (c && fgets(ctl, sizeof ctl, c) && strstr(ctl, "memory") && !v1path[0]) v2 = 1;
  if (c) fclose(c);
  if (v2)
    snprintf(dir, sizeof dir, "/sys/fs/cgroup%s", v2path);
  else
    snprintf(dir, sizeof dir, "/sys/fs/cgroup/memory%s", v1path);
}

static void put(const char *file, const char *value) {
  char p[4200];
  snprintf(p, sizeof p, "%s/%s", dir, file);
  FILE *f = fopen(p, "w");
  if (!f || fputs(value, f) < 0 || fclose(f) != 0) {
    fprintf(stderr, "cannot write %s to %s: %s\n", value, p, strerror(errno));
    exit(1);
  }
}

/* Prints one cgroup file, each line indented, or says it is missing. */
static void show(const char *file) {
  char p[4200], line[256];
  snprintf(p, sizeof p, "%s/%s", dir, file);
  FILE *f = fopen(p, "r");
  if (!f) return;
  printf("  %s:", file);
  int lines = 0;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = '\0';
    printf("%s%s", lines++ ? ", " : " ", line);
  }
  printf("\n");
  fclose(f);
}

static void counters(const char *when) {
  printf("%s (%s):\n", when, dir);
  if (v2) {
    show("memory.max");
    show("memory.high");
    show("memory.events");
  } else {
    show("memory.limit_in_bytes");
    show("memory.failcnt");
    show("memory.oom_control");
  }
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  long touch = 128, make = 0, high = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--make") == 0 && i + 1 < argc) make = atol(argv[++i]);
    else if (strcmp(argv[i], "--high") == 0 && i + 1 < argc) high = atol(argv[++i]);
    else touch = atol(argv[i]);
  }
  if (touch < 1) {
    fprintf(stderr, "usage: %s [MiB to touch] [--make LIMIT_MiB [--high MiB]]\n", argv[0]);
    return 2;
  }
  find_cgroup();
  char parent[4096];
  snprintf(parent, sizeof parent, "%s", dir);
  if (make > 0) {
    /* A child group of our own group (cgroup v1), or of the root (cgroup v2, where a group with
     * processes in it cannot have controllers enabled for children). */
    if (v2) snprintf(dir, sizeof dir, "/sys/fs/cgroup/cgroup-oom-%d", getpid());
    else snprintf(dir + strlen(dir), sizeof dir - strlen(dir), "/cgroup-oom-%d", getpid());
    if (mkdir(dir, 0755) < 0) {
      fprintf(stderr, "mkdir %s: %s (run as root)\n", dir, strerror(errno));
      return 1;
    }
    char v[64];
    snprintf(v, sizeof v, "%ld", make << 20);
    put(v2 ? "memory.max" : "memory.limit_in_bytes", v);
    if (high > 0 && v2) {
      snprintf(v, sizeof v, "%ld", high << 20);
      put("memory.high", v);
    }
    snprintf(v, sizeof v, "%d", getpid());
    put("cgroup.procs", v); /* this process joins; its child will be born inside */
  }
  printf("cgroup %s, memory controller found in %s\n", v2 ? "v2" : "v1", dir);
  if (high > 0 && !v2) printf("note: memory.high exists only in cgroup v2; --high is ignored here\n");
  counters("before");
  int fds[2];
  if (pipe(fds) < 0) return 1;
  double t0 = now();
  pid_t c = fork();
  if (c == 0) {
    close(fds[0]);
    for (long i = 1; i <= touch; i++) {
      char *p = malloc(1 << 20);
      if (!p) {
        printf("child: malloc failed at %ld MiB\n", i);
        _exit(3);
      }
      memset(p, 1, 1 << 20); /* touching the pages is what charges them */
      if (write(fds[1], &i, sizeof i) < 0) _exit(4);
    }
    _exit(0);
  }
  close(fds[1]);
  long got = 0, i;
  while (read(fds[0], &i, sizeof i) == sizeof i) got = i;
  int st;
  waitpid(c, &st, 0);
  double dt = now() - t0;
  if (WIFSIGNALED(st))
    printf("child: killed by signal %d (%s) after %.2f s, having touched %ld of %ld MiB\n",
           WTERMSIG(st), strsignal(WTERMSIG(st)), dt, got, touch);
  else
    printf("child: exited with status %d after %.2f s, having touched %ld of %ld MiB\n",
           WEXITSTATUS(st), dt, got, touch);
  counters("after");
  if (make > 0) {
    char v[64];
    snprintf(v, sizeof v, "%d", getpid());
    char made[4096];
    snprintf(made, sizeof made, "%s", dir);
    snprintf(dir, sizeof dir, "%s", v2 ? "/sys/fs/cgroup" : parent);
    put("cgroup.procs", v); /* back out, so the group is empty and can be removed */
    if (rmdir(made) < 0) fprintf(stderr, "rmdir %s: %s\n", made, strerror(errno));
  }
  return 0;
}
