/*
 * race.c - two threads add 1 to one shared counter, N times each: without a lock, with a
 * pthread mutex, and with an atomic add. How many updates are lost, and what does each
 * increment cost?
 *
 * A lab for chapter 6 of "Processes, Step by Step" (Threads).
 *
 * Build and run (Linux, glibc or musl; any C11 compiler):
 *
 *   gcc -O2 -pthread -o race race.c
 *   ./race                      # 5 runs of each, 10,000,000 increments per thread
 *   ./race -n 1000000 -r 10     # 10 runs of 1,000,000 per thread
 *   taskset -c 0 ./race         # both threads on one CPU: the race needs a preemption
 *                               # between a load and its store, so it fires far less often
 *
 * The counter is volatile, so that -O2 keeps one load, one add and one store per increment
 * (without volatile, gcc may turn the whole loop into a single add of N, and the race all but
 * vanishes: luck, not correctness). The expected final count is 2 * N.
 *
 * Each line prints the final count, how many updates were lost, and the wall-clock time
 * divided by all 2 * N increments ("ns per increment, whole system").
 * This file is in the public domain.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long iterations = 10000000;
static volatile long counter;
static long atomic_counter;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *plain(void *arg) {
  (void)arg;
  for (long i = 0; i < iterations; i++)
    counter = counter + 1; /* load, add, store: three steps another thread can come between */
  return NULL;
}

static void *locked(void *arg) {
  (void)arg;
  for (long i = 0; i < iterations; i++) {
    pthread_mutex_lock(&lock);
    counter = counter + 1;
    pthread_mutex_unlock(&lock);
  }
  return NULL;
}

static void *atomic(void *arg) {
  (void)arg;
  for (long i = 0; i < iterations; i++)
    __atomic_fetch_add(&atomic_counter, 1, __ATOMIC_RELAXED); /* one lock-prefixed instruction */
  return NULL;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

/* Runs two threads of `fn` and returns the final count; *ns gets ns per increment. */
static long run(void *(*fn)(void *), double *ns) {
  pthread_t a, b;
  counter = 0;
  atomic_counter = 0;
  double t0 = now();
  if (pthread_create(&a, NULL, fn, NULL) != 0 || pthread_create(&b, NULL, fn, NULL) != 0) {
    perror("pthread_create");
    exit(1);
  }
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  *ns = (now() - t0) * 1e9 / (2.0 * iterations);
  return fn == atomic ? atomic_counter : counter;
}

int main(int argc, char **argv) {
  int runs = 5;
  int opt;
  while ((opt = getopt(argc, argv, "n:r:")) != -1) {
    if (opt == 'n') iterations = atol(optarg);
    else if (opt == 'r') runs = atoi(optarg);
    else {
      fprintf(stderr, "usage: %s [-n increments per thread] [-r runs]\n", argv[0]);
      return 2;
    }
  }
  if (iterations < 1 || runs < 1) {
    fprintf(stderr, "race: -n and -r must be positive\n");
    return 2;
  }
  struct { const char *name; void *(*fn)(void *); } kinds[] = {
      {"no lock", plain}, {"mutex", locked}, {"atomic add", atomic}};
  printf("2 threads x %ld increments, expected %ld, %ld CPUs online\n", iterations,
         2 * iterations, sysconf(_SC_NPROCESSORS_ONLN));
  printf("%-11s %4s %12s %12s %8s %8s\n", "kind", "run", "final", "lost", "lost %", "ns/inc");
  for (int k = 0; k < 3; k++)
    for (int r = 1; r <= runs; r++) {
      double ns;
      long got = run(kinds[k].fn, &ns);
      long lost = 2 * iterations - got;
      printf("%-11s %4d %12ld %12ld %7.1f%% %8.2f\n", kinds[k].name, r, got, lost,
             100.0 * lost / (2.0 * iterations), ns);
    }
  return 0;
}
