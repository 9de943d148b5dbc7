/*
 * ncursesw for Swift: wide-character functions need _XOPEN_SOURCE_EXTENDED
 * before the header, and several ncurses names are macros or mutable
 * globals that Swift cannot use directly; small inline functions wrap them.
 */
#ifndef XINDESK_CNCURSESW_SHIM_H
#define XINDESK_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <ncursesw/curses.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

static inline WINDOW *xd_stdscr(void) { return stdscr; }
/* The real terminal (stdin/stdout are globals Swift 6 will not touch). */
static inline SCREEN *xd_newterm_tty(void) { return newterm(NULL, stdout, stdin); }
static inline int xd_lines(void) { return LINES; }
static inline int xd_cols(void) { return COLS; }
static inline int xd_colors(void) { return COLORS; }
static inline int xd_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t xd_attr_bold(void) { return A_BOLD; }
static inline attr_t xd_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t xd_attr_reverse(void) { return A_REVERSE; }
static inline attr_t xd_attr_dim(void) { return A_DIM; }
static inline int xd_key_code_yes(void) { return KEY_CODE_YES; }
/* A string capability of the terminal's terminfo entry, or NULL when absent. */
static inline const char *xd_tistr(const char *name) {
    char *s = tigetstr(name);
    return (s == NULL || s == (char *)-1) ? NULL : s;
}

/* Puts one grapheme (UTF-8) with attributes and a colour pair at (y, x). */
static inline int xd_put(int y, int x, const char *utf8, attr_t attrs, short pair) {
    wchar_t wide[CCHARW_MAX + 1];
    mbstate_t st;
    memset(&st, 0, sizeof st);
    const char *src = utf8;
    size_t n = mbsrtowcs(wide, &src, CCHARW_MAX, &st);
    if (n == (size_t)-1 || n == 0) { wide[0] = L'?'; n = 1; }
    wide[n] = L'\0';
    cchar_t cc;
    if (setcchar(&cc, wide, attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cc);
}

/* Reads back the characters at (y, x) as UTF-8 (for backend tests). */
static inline int xd_read(int y, int x, char *out, int size) {
    cchar_t cc;
    if (mvin_wch(y, x, &cc) == ERR) return ERR;
    wchar_t wide[CCHARW_MAX + 1];
    attr_t attrs;
    short pair;
    if (getcchar(&cc, wide, &attrs, &pair, NULL) == ERR) return ERR;
    mbstate_t st;
    memset(&st, 0, sizeof st);
    const wchar_t *src = wide;
    size_t n = wcsrtombs(out, &src, (size_t)size - 1, &st);
    if (n == (size_t)-1) return ERR;
    out[n] = '\0';
    return OK;
}

/* The signal that asked us to stop (SIGINT, SIGTERM, SIGHUP), or 0. The
 * handler only records it: the main loop restores the terminal and exits,
 * since endwin is not safe inside a signal handler. */
static volatile sig_atomic_t xd_pending_signal_value = 0;
static void xd_signal_handler(int sig) { xd_pending_signal_value = sig; }
static inline void xd_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = xd_signal_handler;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}
static inline int xd_pending_signal(void) { return xd_pending_signal_value; }

/* Stops the process as Ctrl-Z would (raw mode delivers Ctrl-Z as a key).
 * SIGSTOP rather than SIGTSTP: the caller has already restored the
 * terminal, and ncurses' own SIGTSTP handler must not do it twice. */
static inline void xd_suspend(void) { raise(SIGSTOP); }

#endif
