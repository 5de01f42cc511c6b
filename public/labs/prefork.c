/* prefork.c: a tiny pre-forking server, the pattern of Apache prefork, PHP-FPM and gunicorn.
 *
 * The master opens one listening socket and forks N workers that share it: each worker loops on
 * accept(), so the kernel hands every connection to exactly one of them. The master then only
 * supervises: when a worker dies it forks a replacement; on SIGTERM it passes SIGTERM on to the
 * workers, which finish the request they are serving and exit, and it exits when all are gone.
 *
 *   gcc -O2 -Wall -o prefork prefork.c
 *   ./prefork 3 8080 &          then: curl http://127.0.0.1:8080/   (or: nc 127.0.0.1 8080)
 *   ./prefork --demo            runs the whole story by itself and narrates it
 *
 * From the book "Processes, Step by Step", chapter 8. Linux or any POSIX system.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAXW 64
static pid_t workers[MAXW];
static int nworkers;
static volatile sig_atomic_t stopping;

static void on_term(int sig) { (void)sig; stopping = 1; }

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

/* A worker: wait for a connection, accept it, answer, repeat. SIGTERM stays blocked except while
 * the worker waits in ppoll(), so it never cuts a request short: the worker finishes the request
 * it is serving, then sees the signal and exits. */
static void worker(int lfd) {
  struct sigaction sa = {0};
  sa.sa_handler = on_term;
  sigaction(SIGTERM, &sa, NULL);
  sigset_t term, waiting;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  sigprocmask(SIG_BLOCK, &term, &waiting); /* `waiting`: the mask without SIGTERM blocked */
  while (!stopping) {
    struct pollfd p = {.fd = lfd, .events = POLLIN};
    if (ppoll(&p, 1, NULL, &waiting) < 0) continue; /* EINTR: SIGTERM arrived while idle */
    int c = accept(lfd, NULL, NULL);
    if (c < 0) continue; /* EAGAIN: another worker took this connection */
    char req[512];
    ssize_t n = read(c, req, sizeof req); /* the request line; "slow" asks for a 1 s request */
    if (n > 0 && memmem(req, (size_t)n, "slow", 4)) sleep(1);
    char body[128];
    int len = snprintf(body, sizeof body, "HTTP/1.0 200 OK\r\n\r\nserved by worker %d\n", getpid());
    if (write(c, body, (size_t)len) < 0) perror("write");
    close(c);
  }
  _exit(0);
}

static pid_t spawn(int lfd) {
  pid_t p = fork();
  if (p == 0) worker(lfd);
  return p;
}

static int listen_on(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || listen(fd, 128) < 0) {
    perror("bind/listen");
    exit(1);
  }
  /* Non-blocking: all idle workers wake for a connection, one gets it, the others get EAGAIN. */
  fcntl(fd, F_SETFL, O_NONBLOCK);
  return fd;
}

/* The master: keep nworkers alive until SIGTERM, then pass it on and reap everyone. */
static void master(int lfd) {
  struct sigaction sa = {0};
  sa.sa_handler = on_term;
  sigaction(SIGTERM, &sa, NULL);
  for (int i = 0; i < nworkers; i++) workers[i] = spawn(lfd);
  printf("master %d: %d workers share one listening socket\n", getpid(), nworkers);
  fflush(stdout);
  while (!stopping) {
    int st;
    pid_t p = wait(&st);
    if (p < 0) continue; /* EINTR from SIGTERM */
    for (int i = 0; i < nworkers; i++)
      if (workers[i] == p && !stopping) {
        workers[i] = spawn(lfd);
        printf("master: worker %d %s; replaced by %d\n", p,
               WIFSIGNALED(st) ? strsignal(WTERMSIG(st)) : "exited", workers[i]);
        fflush(stdout);
      }
  }
  close(lfd); /* the workers still hold it until they exit */
  double t0 = now();
  for (int i = 0; i < nworkers; i++) kill(workers[i], SIGTERM);
  printf("master: SIGTERM received; passed on to the workers, waiting for them to finish\n");
  fflush(stdout);
  while (wait(NULL) > 0) {
  }
  printf("master: all workers gone after %.2f s; exiting\n", now() - t0);
  exit(0);
}

/* One request from a client; prints the answer's last line. */
static void get(int port, const char *path, char *out, size_t outlen) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  out[0] = '\0';
  if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
    snprintf(out, outlen, "connect: %s", strerror(errno));
    close(fd);
    return;
  }
  char req[64];
  int n = snprintf(req, sizeof req, "GET %s HTTP/1.0\r\n\r\n", path);
  if (write(fd, req, (size_t)n) < 0) perror("write");
  char buf[256];
  ssize_t got = 0, r;
  while ((r = read(fd, buf + got, sizeof buf - 1 - (size_t)got)) > 0) got += r;
  buf[got] = '\0';
  char *line = strstr(buf, "served");
  snprintf(out, outlen, "%s", line ? strtok(line, "\n") : "(no answer)");
  close(fd);
}

static void demo(void) {
  int port = 18000 + getpid() % 1000;
  int lfd = listen_on(port);
  nworkers = 3;
  pid_t m = fork();
  if (m == 0) master(lfd);
  close(lfd);
  usleep(200000);
  char ans[128];
  printf("client: six requests\n");
  for (int i = 0; i < 6; i++) {
    get(port, "/", ans, sizeof ans);
    printf("  %s\n", ans);
  }
  fflush(stdout);
  /* kill one worker: find it by asking who serves */
  get(port, "/", ans, sizeof ans);
  int victim = atoi(strrchr(ans, ' ') + 1);
  printf("client: kill -KILL %d\n", victim);
  fflush(stdout);
  kill(victim, SIGKILL);
  usleep(200000);
  for (int i = 0; i < 3; i++) {
    get(port, "/", ans, sizeof ans);
    printf("  %s\n", ans);
  }
  fflush(stdout);
  /* a slow request in flight, then SIGTERM to the master */
  pid_t c = fork();
  if (c == 0) {
    double t = now();
    get(port, "/slow", ans, sizeof ans);
    printf("client: slow request finished after %.2f s: %s\n", now() - t, ans);
    fflush(stdout);
    _exit(0);
  }
  usleep(300000);
  printf("client: kill -TERM %d (the master) while a 1 s request is in flight\n", m);
  fflush(stdout);
  double t0 = now();
  kill(m, SIGTERM);
  waitpid(c, NULL, 0);
  int st;
  waitpid(m, &st, 0);
  printf("client: the master exited %.2f s after SIGTERM\n", now() - t0);
  usleep(100000);
  get(port, "/", ans, sizeof ans);
  printf("client: after the stop: %s\n", ans);
  printf("master exited with status %d\n", WEXITSTATUS(st));
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (argc > 1 && strcmp(argv[1], "--demo") == 0) {
    demo();
    return 0;
  }
  nworkers = argc > 1 ? atoi(argv[1]) : 3;
  int port = argc > 2 ? atoi(argv[2]) : 8080;
  if (nworkers < 1 || nworkers > MAXW) {
    fprintf(stderr, "usage: %s [workers 1-%d] [port] | --demo\n", argv[0], MAXW);
    return 2;
  }
  master(listen_on(port));
}
