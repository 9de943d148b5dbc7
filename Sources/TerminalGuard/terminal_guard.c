#include "terminal_guard.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static int guard_fd = -1;
static struct termios guard_modes;
static volatile sig_atomic_t guard_has_modes = 0;
static char guard_sequence[256];
static volatile sig_atomic_t guard_length = 0;
static volatile sig_atomic_t guard_armed = 0;
static int guard_installed = 0;
/* A stack of its own: a stack overflow is a crash too. */
static char guard_stack[64 * 1024];

static const int guard_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT, SIGSYS, SIGQUIT };

int xd_guard_save_modes(int fd) {
    if (tcgetattr(fd, &guard_modes) != 0) return -1;
    guard_fd = fd;
    guard_has_modes = 1;
    return 0;
}

void xd_guard_set_sequence(const char *bytes, size_t length) {
    guard_length = 0;
    if (length > sizeof guard_sequence - 1) length = sizeof guard_sequence - 1;
    memcpy(guard_sequence, bytes, length);
    guard_length = (sig_atomic_t)length;
}

static void guard_write(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return;
        p += w;
        n -= (size_t)w;
    }
}

static void guard_handler(int sig) {
    int saved_errno = errno;
    if (guard_armed && guard_fd >= 0) {
        guard_armed = 0;
        guard_write(guard_fd, guard_sequence, (size_t)guard_length);
        if (guard_has_modes) tcsetattr(guard_fd, TCSANOW, &guard_modes);
    }
    /* The default action, once this handler returns: the signal is blocked
     * while it runs, so the raise waits until then. A fault re-executes the
     * faulting instruction, which now takes the default action too. */
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig);
    errno = saved_errno;
}

void xd_guard_install(void) {
    if (guard_installed) return;
    guard_installed = 1;
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && (current.ss_flags & SS_DISABLE)) {
        stack_t ours;
        memset(&ours, 0, sizeof ours);
        ours.ss_sp = guard_stack;
        ours.ss_size = sizeof guard_stack;
        sigaltstack(&ours, NULL);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = guard_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_ONSTACK;
    for (size_t i = 0; i < sizeof guard_signals / sizeof guard_signals[0]; i++) sigaction(guard_signals[i], &sa, NULL);
}

void xd_guard_arm(int armed) { guard_armed = armed ? 1 : 0; }
