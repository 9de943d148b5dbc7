/* Shared between the CipherVFS source files; not part of the public API. */
#ifndef XINDESK_CIPHER_INTERNAL_H
#define XINDESK_CIPHER_INTERNAL_H

#include "CipherVFS.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdint.h>

#define XCIPHER_MAX_PATH 1024
#define XCIPHER_NONCE_BYTES 24
#define XCIPHER_MAC_BYTES 16
/* Bytes of a page that carry ciphertext (everything before nonce and tag). */
#define XCIPHER_BODY_BYTES (XCIPHER_PAGE_SIZE - XCIPHER_RESERVE)
/* Page 1 keeps tag, file id and SQLite's page-size/reserve fields clear. */
#define XCIPHER_PAGE1_CLEAR 24

#define XCIPHER_WAL_HEADER 32
#define XCIPHER_WAL_FRAME_HEADER 24
#define XCIPHER_WAL_FRAME (XCIPHER_WAL_FRAME_HEADER + XCIPHER_PAGE_SIZE)

/* SQLITE_IOERR_DATA is 3.32+; spelled out so older headers still build. */
#ifndef SQLITE_IOERR_DATA
#define SQLITE_IOERR_DATA (SQLITE_IOERR | (32 << 8))
#endif

typedef struct xcipher_key {
    char *path;                 /* canonical database path */
    unsigned char *key;         /* sodium_malloc, read-only after setup */
    unsigned char file_id[XCIPHER_FILE_ID_BYTES];
    int refs;                   /* registry + open files */
    struct xcipher_key *next;
} xcipher_key;

/* key_registry.c */
int xcipher_canonical_path(const char *path, char *out, int n);
xcipher_key *xcipher_key_acquire(const char *canonical_path);
void xcipher_key_release(xcipher_key *k);

/* cipher_vfs.c */
sqlite3_vfs *xcipher_base_vfs(void);

/* page_cipher.c: one page in, one page out; never in place. */
/* Encrypts the plaintext page `plain` (page number pgno) into `out`.
 * Returns SQLITE_OK, or SQLITE_IOERR_WRITE when the page does not have the
 * shape the format needs (reserved bytes not zero; page 1 header wrong). */
int xcipher_encrypt_page(const xcipher_key *k, uint32_t pgno,
                         const unsigned char *plain, unsigned char *out);
/* Decrypts the stored page `stored` into `out`; returns 0 when it
 * authenticates, -1 when it does not. Reserved bytes come back zero. */
int xcipher_decrypt_page(const xcipher_key *k, uint32_t pgno,
                         const unsigned char *stored, unsigned char *out);

/* The binding of a WAL frame (format 2; see page_cipher.c). */
typedef struct xcipher_frame_meta {
    uint32_t commit;            /* frame header bytes 4-7: database size after a commit, else 0 */
    unsigned char salts[8];     /* the WAL header's salts when it was written (its generation) */
    uint32_t ckpt;              /* the WAL header's checkpoint sequence when the frame was written */
    uint32_t frame;             /* the frame's number, 1-based as SQLite counts */
    uint32_t base;              /* the commit frame its transaction follows; 0: none */
} xcipher_frame_meta;

#define XCIPHER_FRAME_BAD 0     /* does not authenticate */
#define XCIPHER_FRAME_V1 1      /* written before format 2: page binding only */
#define XCIPHER_FRAME_V2 2      /* format 2: *meta is what it was bound to */

/* Encrypts the page of a WAL frame into `out` (format 2). */
int xcipher_encrypt_frame(const xcipher_key *k, uint32_t pgno, const xcipher_frame_meta *m,
                          const unsigned char *plain, unsigned char *out);
/* Authenticates a whole stored frame (24-byte header, then the stored page)
 * and decrypts its page into `out`; returns XCIPHER_FRAME_*. The salts
 * bound are the frame header's, or `wal_salts` (the WAL header's) when the
 * frame header's are zero, as SQLite leaves them until it rewrites the
 * checksums of a transaction at commit. */
int xcipher_decrypt_frame(const xcipher_key *k, const unsigned char *frame,
                          const unsigned char *wal_salts, unsigned char *out,
                          xcipher_frame_meta *meta);

/* wal_walk.c: the decision on a WAL file, made without SQLite. */
typedef struct xcipher_wal_report {
    uint32_t end;               /* last frame recovery may keep (a commit frame); 0: none */
    uint32_t frames;            /* complete frames in the file */
    long long authenticated;    /* frames of the header's generation that authenticate */
    uint32_t bad_frame;         /* tampered: the frame that shows it, 0 for the header */
    const char *reason;         /* tampered: what was found (static text) */
} xcipher_wal_report;

/* Scratch memory of a walk: a stored frame and two plain pages. */
#define XCIPHER_WALK_SCRATCH (XCIPHER_WAL_FRAME + 2 * XCIPHER_PAGE_SIZE)

/* Walks the WAL open as `wal` (read through its own methods, the base VFS's)
 * of the database at `db_path` and decides: SQLITE_OK when it is empty,
 * clean or ends in what a crash leaves (r->end says where recovery must
 * stop); SQLITE_IOERR_DATA when it was altered (r->bad_frame, r->reason);
 * another code when it cannot be read. `scratch` holds XCIPHER_WALK_SCRATCH
 * bytes. The caller keeps writers out (SQLite's recovery holds every WAL
 * lock). */
int xcipher_wal_walk(sqlite3_file *wal, const char *db_path, const xcipher_key *k,
                     unsigned char *scratch, xcipher_wal_report *r);

/* verify.c: a file opened read-only through the base VFS, not open(2), so
 * closing it never drops the POSIX locks this process's connections hold
 * on the same file (the unix VFS shares one inode record between its
 * handles and defers such closes). */
int xcipher_open_base(const char *path, int type, sqlite3_file **out);
void xcipher_close_base(sqlite3_file *file);

/* failure.c */
void xcipher_failure_record(int kind, uint32_t page, long long offset,
                            const char *path);
void xcipher_failure_record_reason(int kind, uint32_t page, long long offset,
                                   const char *path, const char *reason);

static inline uint32_t xcipher_get32be(const unsigned char *p) {
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
           ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static inline void xcipher_put32be(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

#endif
