/*
 * A VFS that sits BELOW the cipher shim and records every write that would
 * reach the disk, so tests can prove that no plaintext marker ever does.
 */
#ifndef XINDESK_SPY_VFS_H
#define XINDESK_SPY_VFS_H

/* Registers the VFS "spy" over "unix" (not as default). */
int spy_register(void);
/* Adds a byte string that must never be written. */
void spy_add_marker(const void *bytes, int length);
/* Number of writes seen, and how many carried any marker. */
long long spy_write_count(void);
long long spy_marker_hits(void);
/* Bytes written in total. */
long long spy_bytes_written(void);

/* memmem for the tests' file scans (Swift's Glibc module does not export it). */
int spy_contains(const void *haystack, long haystack_len, const void *needle, long needle_len);

#endif
