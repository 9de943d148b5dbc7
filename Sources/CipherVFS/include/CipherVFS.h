/*
 * CipherVFS: a SQLite VFS shim that encrypts every database, rollback-journal
 * and WAL page with XChaCha20-Poly1305 (libsodium), and refuses everything it
 * cannot encrypt. See README.md ("Encryption at rest") for the format and the
 * threat model.
 *
 * On-disk page (4096 bytes, 40 reserved bytes at the end):
 *   [0, 4056)     ciphertext of the page's first 4056 bytes
 *   [4056, 4080)  24-byte random nonce, fresh on every write
 *   [4080, 4096)  16-byte Poly1305 tag
 * Page 1 keeps bytes 0-23 in the clear: 0-3 the format tag "XDK\1", 4-15 the
 * file id, 16-23 SQLite's page size / reserve fields. Readers get
 * "SQLite format 3\0" back in bytes 0-15. The associated data of every page is
 * tag || file id || page number (big-endian) || page 1's bytes 16-23 (zeros
 * on other pages).
 *
 * WAL frames (format 2): the page image is encrypted the same way, with more
 * associated data after the page's: "WAL2" || the frame header's commit
 * field || the WAL header's salts and checkpoint sequence ||
 * the frame's number (1-based) || the number of the commit frame its
 * transaction follows (0: none), all big-endian. The last three are also
 * the nonce's last 12 bytes (its first 12 are random), so each frame says
 * where it belongs. Frames written before format 2 carry the page's
 * associated data only and are still read.
 */
#ifndef XINDESK_CIPHER_VFS_H
#define XINDESK_CIPHER_VFS_H

#ifdef __cplusplus
extern "C" {
#endif

#define XCIPHER_VFS_NAME "xindesk"
#define XCIPHER_PAGE_SIZE 4096
#define XCIPHER_RESERVE 40
#define XCIPHER_KEY_BYTES 32
#define XCIPHER_FILE_ID_BYTES 12
#define XCIPHER_TAG "XDK\001"
#define XCIPHER_TAG_BYTES 4

/* Registers the cipher VFS `name` on top of the VFS `base` (NULL: "unix").
 * With make_default != 0 it becomes the process's default VFS, so any
 * connection opened without a registered key fails instead of writing
 * plaintext. Registering a name twice re-registers (and may change the
 * default). Initialises libsodium. Returns a SQLite result code. */
int xcipher_register(const char *name, const char *base, int make_default);

/* Registers the data key and file id for the database at `db_path`. The path
 * is canonicalised with the base VFS's xFullPathname, exactly as SQLite does
 * before xOpen, so relative and absolute spellings name one entry. The key is
 * copied into sodium_malloc memory; the caller should wipe its own copy.
 * Re-adding a path replaces its key for files opened afterwards.
 * Returns SQLITE_OK, SQLITE_NOMEM or SQLITE_CANTOPEN. */
int xcipher_key_add(const char *db_path, const unsigned char *key,
                    const unsigned char *file_id);

/* Forgets the key of `db_path`. Files already open keep a reference until
 * they close; the key memory is wiped and freed with the last of them.
 * Returns SQLITE_OK or SQLITE_NOTFOUND. */
int xcipher_key_remove(const char *db_path);

/* Reads the clear file id of an existing encrypted database.
 * Returns SQLITE_OK, SQLITE_CANTOPEN (missing or unreadable),
 * SQLITE_EMPTY (empty file) or SQLITE_NOTADB (not an xindesk database). */
int xcipher_read_file_id(const char *db_path, unsigned char *file_id_out);

/* What the last authentication failure was (process-wide, most recent). */
typedef struct xcipher_failure {
    int kind;                 /* XCIPHER_FILE_* below, 0 when none */
    unsigned int page;        /* page number that failed */
    long long offset;         /* byte offset in that file */
    char path[1024];          /* the file */
    char reason[128];         /* what was wrong, when more than "does not authenticate" */
} xcipher_failure;

#define XCIPHER_FILE_DB 1
#define XCIPHER_FILE_JOURNAL 2
#define XCIPHER_FILE_WAL 3

/* Copies the most recent authentication failure into *out and returns 1, or
 * returns 0 when there has been none since the last xcipher_failure_clear. */
int xcipher_last_failure(xcipher_failure *out);
void xcipher_failure_clear(void);

/* Verifies every page of the database file and its WAL (if any) without
 * SQLite, with the given key and file id (see xcipher_verify_wal for the WAL).
 * Returns SQLITE_OK when all pages authenticate and the WAL is intact or
 * ends in a torn tail; SQLITE_NOTADB when page 1 does not; SQLITE_IOERR_DATA
 * for another page or a tampered WAL (details in *failure);
 * SQLITE_CANTOPEN when the file cannot be read. `pages_checked` counts
 * database pages plus WAL frames of the current generation verified.
 * Files are read through the base VFS, so connections of this process to
 * the database keep their locks. */
int xcipher_verify(const char *db_path, const unsigned char *key,
                   const unsigned char *file_id, xcipher_failure *failure,
                   long long *pages_checked);

/* Walks the WAL of `db_path` as recovery would and decides whether it is
 * intact, ends in a torn tail a crash can leave (both SQLITE_OK), or was
 * altered (SQLITE_IOERR_DATA; *failure has kind XCIPHER_FILE_WAL, the WAL's
 * path, page = the frame number that shows it, 0 for the WAL header, and a
 * reason). Altered: an invalid WAL header with authentic frames behind it;
 * a frame not at the position it was written to (swapped, dropped, cut
 * out); an authentic frame whose transaction follows a commit that recovery
 * would drop (a frame, salt or checksum changed before it); a header of a
 * new generation over committed frames that are not in the database file.
 * See wal_walk.c. A missing WAL is SQLITE_OK. Another process may be
 * writing the WAL: walk it while holding SQLite's write lock (BEGIN
 * IMMEDIATE). The cipher VFS runs the same walk when SQLite recovers a WAL
 * and fails the recovery when it says altered, so a tampered WAL is never
 * silently rolled back. */
int xcipher_verify_wal(const char *db_path, const unsigned char *key,
                       const unsigned char *file_id, xcipher_failure *failure,
                       long long *frames_checked);

#ifdef __cplusplus
}
#endif
#endif
