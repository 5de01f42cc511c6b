/*
 * forkbench.c - how long does it take to create a process on this machine?
 *
 * A lab for chapter 5 of "Processes, Step by Step" (fork(), execve(), wait() and exit()).
 * It times, one operation at a time, and prints the median in microseconds:
 *
 *   fork + _exit + waitpid            the child exits at once: the cost of copying the parent
 *   fork + execve(true) + waitpid     the classic way to run a program
 *   vfork + execve(true) + waitpid    the parent's memory is borrowed, not copied
 *   posix_spawn(true) + waitpid       glibc implements it with clone(CLONE_VM | CLONE_VFORK)
 *
 * Build and run (Linux; any C99 compiler):
 *
 *   gcc -O2 -o forkbench forkbench.c
 *   ./forkbench                 # small parent (a couple of MB resident)
 *   ./forkbench -m 1024         # parent with 1 GB of touched memory, in 4 KiB pages
 *   ./forkbench -m 1024 -H      # the same on transparent huge pages, if the kernel allows
 *   taskset -c 0 ./forkbench    # pin parent and child to one CPU, as the book's figures were
 *
 * Options: -n N   samples per operation (default 200; fewer are taken with a large -m)
 *          -m MB  touch MB megabytes of anonymous memory in the parent before measuring
 *          -H     ask for transparent huge pages for that memory (MADV_HUGEPAGE)
 *          -p P   the program to exec (default /bin/true)
 *
 * Every sample is timed on its own with CLOCK_MONOTONIC and the median is printed with the
 * smallest and largest sample, so one slow sample (another program running) does not move it.
 * This file is in the public domain.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static const char *prog = "/bin/true";

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void die(const char *what) {
  perror(what);
  exit(1);
}

static void reap(pid_t pid) {
  int status;
  if (waitpid(pid, &status, 0) != pid) die("waitpid");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fprintf(stderr, "forkbench: child did not exit with status 0 (is %s runnable?)\n", prog);
    exit(1);
  }
}

static void op_fork_exit(void) {
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) _exit(0);
  reap(pid);
}

static void op_fork_exec(void) {
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    char *argv[] = {(char *)prog, NULL};
    execve(prog, argv, environ);
    _exit(127); /* only if execve failed */
  }
  reap(pid);
}

static void op_vfork_exec(void) {
  /* Built before vfork(): the child borrows the parent's stack and may only call execve() or
     _exit(), so it must not write variables of its own into the frame it shares. */
  char *argv[] = {(char *)prog, NULL};
  pid_t pid = vfork();
  if (pid < 0) die("vfork");
  if (pid == 0) {
    execve(prog, argv, environ);
    _exit(127);
  }
  reap(pid);
}

static void op_spawn(void) {
  pid_t pid;
  char *argv[] = {(char *)prog, NULL};
  int err = posix_spawn(&pid, prog, NULL, NULL, argv, environ);
  if (err != 0) {
    errno = err;
    die("posix_spawn");
  }
  reap(pid);
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static void measure(const char *name, void (*op)(void), int n) {
  double *t = malloc(sizeof(double) * (size_t)n);
  if (t == NULL) die("malloc");
  op(); /* warm up: page in the program and the C library */
  for (int i = 0; i < n; i++) {
    double t0 = now_us();
    op();
    t[i] = now_us() - t0;
  }
  qsort(t, (size_t)n, sizeof(double), cmp_double);
  double median = n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
  printf("%-34s %10.1f us   [min %.1f, max %.1f, n=%d]\n", name, median, t[0], t[n - 1], n);
  fflush(stdout);
  free(t);
}

int main(int argc, char **argv) {
  int n = 200, huge = 0, opt;
  long mb = 0;
  while ((opt = getopt(argc, argv, "n:m:Hp:")) != -1) {
    switch (opt) {
    case 'n': n = atoi(optarg); break;
    case 'm': mb = atol(optarg); break;
    case 'H': huge = 1; break;
    case 'p': prog = optarg; break;
    default:
      fprintf(stderr, "usage: %s [-n samples] [-m MB] [-H] [-p program]\n", argv[0]);
      return 2;
    }
  }
  if (n < 1 || mb < 0) {
    fprintf(stderr, "forkbench: -n must be at least 1 and -m at least 0\n");
    return 2;
  }
  if (access(prog, X_OK) != 0) die(prog);

  if (mb > 0) {
    size_t len = (size_t)mb << 20;
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) die("mmap");
#ifdef MADV_HUGEPAGE
    if (huge && madvise(p, len, MADV_HUGEPAGE) != 0) perror("madvise(MADV_HUGEPAGE)");
#endif
#ifdef MADV_NOHUGEPAGE
    if (!huge) madvise(p, len, MADV_NOHUGEPAGE);
#endif
    long page = sysconf(_SC_PAGESIZE);
    for (size_t off = 0; off < len; off += (size_t)page) p[off] = 1; /* make it resident */
    if (mb >= 256 && n > 20) n = 20; /* each fork of a big parent takes milliseconds */
  }

  printf("forkbench: parent with %ld MB touched%s, exec target %s, pid %d\n", mb,
         mb > 0 ? (huge ? " (huge pages requested)" : " (4 KiB pages)") : "", prog, (int)getpid());
  measure("fork + _exit + waitpid", op_fork_exit, n);
  measure("fork + execve + waitpid", op_fork_exec, n);
  measure("vfork + execve + waitpid", op_vfork_exec, n);
  measure("posix_spawn + waitpid", op_spawn, n);
  return 0;
}
