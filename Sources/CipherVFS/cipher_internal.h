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

/* failure.c */
void xcipher_failure_record(int kind, uint32_t page, long long offset,
                            const char *path);

static inline uint32_t xcipher_get32be(const unsigned char *p) {
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
           ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

#endif
