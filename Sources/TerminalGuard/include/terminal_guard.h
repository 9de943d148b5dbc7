/*
 * What a crash leaves on the terminal. A fatal signal (a Swift trap or
 * fatalError, SIGSEGV, SIGBUS, SIGABRT …) runs a handler that writes a
 * prepared sequence with write(2) — clear the screen and its scrollback,
 * leave the alternate screen, show the cursor — puts the terminal's modes
 * back as the shell had them, then re-raises the signal with its default
 * action. Everything it does is async-signal-safe; nothing is allocated.
 * Installing it also replaces the handlers of Swift's runtime backtracer
 * for those signals, so the backtracer cannot take the terminal.
 */
#ifndef XINDESK_TERMINAL_GUARD_H
#define XINDESK_TERMINAL_GUARD_H

#include <stddef.h>

/* Remembers the modes of terminal `fd` as they are now (call before curses
 * changes them). Returns 0, or -1 when `fd` is not a terminal. */
int xd_guard_save_modes(int fd);

/* The bytes a crash writes to the terminal (at most 255; longer is cut). */
void xd_guard_set_sequence(const char *bytes, size_t length);

/* Installs the handler for the fatal signals (once; later calls do nothing). */
void xd_guard_install(void);

/* While armed, a crash clears the terminal; disarmed, it only re-raises. */
void xd_guard_arm(int armed);

#endif
