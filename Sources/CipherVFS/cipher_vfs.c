/*
 * The VFS shim. It wraps the base VFS ("unix") and sees every byte SQLite
 * reads or writes for a database, its rollback journal and its WAL. It knows
 * where page images sit in each of the three and encrypts exactly those;
 * everything else that passes must be one of SQLite's small metadata writes
 * (journal and WAL headers, page numbers, checksums). Any other write is
 * refused, so plaintext page content can never reach the disk.
 *
 * Layout knowledge (SQLite's pager.c and wal.c):
 *  - rollback journal: header at sector-aligned offsets (magic, nRec,
 *    checksum seed, sizes, zero padding); each record is a 4-byte page
 *    number, the page image, a 4-byte checksum. Page images therefore start
 *    at offsets = 4 (mod 8).
 *  - WAL: a 32-byte header, then frames of a 24-byte header (page number
 *    first) and the page image. Recovery reads the header, then whole
 *    frames; before it decides anything, the VFS walks the WAL itself
 *    (wal_walk.c) and refuses a tampered one.
 */
#include "cipher_internal.h"

#include <pthread.h>
#include <string.h>

enum file_kind { KIND_DB = XCIPHER_FILE_DB, KIND_JOURNAL = XCIPHER_FILE_JOURNAL, KIND_WAL = XCIPHER_FILE_WAL };

typedef struct cipher_file {
    sqlite3_file base;          /* must come first: SQLite casts to this */
    sqlite3_file *real;         /* the base VFS's file, allocated just after us */
    int kind;
    xcipher_key *key;
    unsigned char *buf;         /* sodium_malloc: one stored frame + one plain page (+ one for the walk) */
    /* The last small write that named a page number, so the page image
     * that follows it does not need a read-back (journal: the 4-byte
     * record prefix; WAL: the 24-byte frame header, kept whole). */
    sqlite3_int64 pgno_offset;
    uint32_t pgno_value;
    unsigned char frame_header[XCIPHER_WAL_FRAME_HEADER];
    /* WAL: set when SQLite starts a recovery (reads the WAL header) and the
     * walk found nothing altered; frames after `recovery_end` are hidden
     * from that recovery. Any write ends it. */
    int recovering;
    uint32_t recovery_end;
    /* WAL: the header last seen (used while frames carry its salts), and
     * the last frame this handle encrypted (index, its header as it was,
     * the commit its transaction follows), so appending needs one read. */
    unsigned char wal_header[XCIPHER_WAL_HEADER];
    int wal_header_known;
    sqlite3_int64 last_index;
    unsigned char last_header[XCIPHER_WAL_FRAME_HEADER];
    uint32_t last_base;
    char path[XCIPHER_MAX_PATH];
} cipher_file;

#define STORED(f) ((f)->buf)
#define PLAIN(f) ((f)->buf + XCIPHER_WAL_FRAME)
#define REAL(f) ((f)->real)

static sqlite3_vfs cipher_vfs;
static sqlite3_vfs *base_vfs = NULL;
static char vfs_name[64];
static pthread_mutex_t register_mutex = PTHREAD_MUTEX_INITIALIZER;

sqlite3_vfs *xcipher_base_vfs(void) {
    if (base_vfs) return base_vfs;
    return sqlite3_vfs_find("unix");
}

static const unsigned char journal_magic[8] = {0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7};

static int is_zero(const unsigned char *p, int n) {
    unsigned char acc = 0;
    for (int i = 0; i < n; i++) acc |= p[i];
    return acc == 0;
}

static int auth_failed(cipher_file *f, uint32_t pgno, sqlite3_int64 off) {
    xcipher_failure_record(f->kind, pgno, off, f->path);
    if (f->kind == KIND_DB && pgno == 1) return SQLITE_NOTADB;
    return SQLITE_IOERR_DATA;
}

/* Reads `amt` bytes at `off` from the real file and tells whether the read
 * was complete (1), entirely past the end (0) or cut short (-1). */
static int read_real(cipher_file *f, void *dst, int amt, sqlite3_int64 off, int *rc) {
    *rc = REAL(f)->pMethods->xRead(REAL(f), dst, amt, off);
    if (*rc == SQLITE_OK) return 1;
    if (*rc != SQLITE_IOERR_SHORT_READ) return -2;
    sqlite3_int64 size = 0;
    int src = REAL(f)->pMethods->xFileSize(REAL(f), &size);
    if (src != SQLITE_OK) { *rc = src; return -2; }
    return size <= off ? 0 : -1;
}

/* ---- main database ---------------------------------------------------- */

static int db_read(cipher_file *f, void *out, int amt, sqlite3_int64 off) {
    sqlite3_int64 page_start = off - off % XCIPHER_PAGE_SIZE;
    int in_page = (int)(off - page_start);
    if (amt <= 0 || in_page + amt > XCIPHER_PAGE_SIZE) return SQLITE_IOERR_READ;
    uint32_t pgno = (uint32_t)(page_start / XCIPHER_PAGE_SIZE) + 1;
    int rc;
    int got = read_real(f, STORED(f), XCIPHER_PAGE_SIZE, page_start, &rc);
    if (got == -2) return rc;
    if (got == 0) {
        /* Past the end: SQLite's own convention, zeros and a short read. */
        memset(out, 0, (size_t)amt);
        return SQLITE_IOERR_SHORT_READ;
    }
    if (got == -1 || xcipher_decrypt_page(f->key, pgno, STORED(f), PLAIN(f)) != 0)
        return auth_failed(f, pgno, page_start);
    memcpy(out, PLAIN(f) + in_page, (size_t)amt);
    sodium_memzero(PLAIN(f), XCIPHER_PAGE_SIZE);
    return SQLITE_OK;
}

static int db_write(cipher_file *f, const void *data, int amt, sqlite3_int64 off) {
    if (amt != XCIPHER_PAGE_SIZE || off % XCIPHER_PAGE_SIZE != 0) return SQLITE_IOERR_WRITE;
    uint32_t pgno = (uint32_t)(off / XCIPHER_PAGE_SIZE) + 1;
    int rc = xcipher_encrypt_page(f->key, pgno, data, STORED(f));
    if (rc != SQLITE_OK) return rc;
    return REAL(f)->pMethods->xWrite(REAL(f), STORED(f), XCIPHER_PAGE_SIZE, off);
}

/* ---- rollback journal ------------------------------------------------- */

/* The page number of the journal record whose image starts at `off`. */
static int journal_pgno(cipher_file *f, sqlite3_int64 off, uint32_t *pgno) {
    if (f->pgno_offset == off - 4) { *pgno = f->pgno_value; return SQLITE_OK; }
    unsigned char be[4];
    int rc = REAL(f)->pMethods->xRead(REAL(f), be, 4, off - 4);
    if (rc != SQLITE_OK) return rc == SQLITE_IOERR_SHORT_READ ? SQLITE_IOERR_WRITE : rc;
    *pgno = xcipher_get32be(be);
    return SQLITE_OK;
}

static int journal_write(cipher_file *f, const void *data, int amt, sqlite3_int64 off) {
    const unsigned char *p = data;
    if (amt == 4) {
        /* A record's page number or checksum. */
        f->pgno_offset = off;
        f->pgno_value = xcipher_get32be(p);
        return REAL(f)->pMethods->xWrite(REAL(f), data, amt, off);
    }
    if (amt == XCIPHER_PAGE_SIZE && off % 8 == 4) {
        uint32_t pgno;
        int rc = journal_pgno(f, off, &pgno);
        if (rc != SQLITE_OK) return rc;
        rc = xcipher_encrypt_page(f->key, pgno, data, STORED(f));
        if (rc != SQLITE_OK) return rc;
        return REAL(f)->pMethods->xWrite(REAL(f), STORED(f), amt, off);
    }
    /* A journal header (or a piece of one): magic or zeros, five 32-bit
     * fields, then zero padding up to the sector size. */
    if (off % 8 == 0 && amt <= XCIPHER_PAGE_SIZE) {
        int ok;
        if (amt < 8) ok = is_zero(p, amt);
        else ok = (memcmp(p, journal_magic, 8) == 0 || is_zero(p, 8)) &&
                  (amt <= 28 || is_zero(p + 28, amt - 28));
        if (ok) return REAL(f)->pMethods->xWrite(REAL(f), data, amt, off);
    }
    return SQLITE_IOERR_WRITE;
}

static int journal_read(cipher_file *f, void *out, int amt, sqlite3_int64 off) {
    if (!(amt == XCIPHER_PAGE_SIZE && off % 8 == 4))
        return REAL(f)->pMethods->xRead(REAL(f), out, amt, off);
    /* Read page number and image together: one system call. */
    unsigned char *rec = STORED(f);
    int rc;
    int got = read_real(f, rec, 4 + XCIPHER_PAGE_SIZE, off - 4, &rc);
    if (got == -2) return rc;
    if (got == 0) { memset(out, 0, (size_t)amt); return SQLITE_IOERR_SHORT_READ; }
    uint32_t pgno = xcipher_get32be(rec);
    if (got == -1) return auth_failed(f, pgno, off);
    /* Decrypt from an aligned copy: the stored image follows the prefix. */
    memmove(rec, rec + 4, XCIPHER_PAGE_SIZE);
    if (xcipher_decrypt_page(f->key, pgno, rec, PLAIN(f)) != 0)
        return auth_failed(f, pgno, off);
    memcpy(out, PLAIN(f), XCIPHER_PAGE_SIZE);
    sodium_memzero(PLAIN(f), XCIPHER_PAGE_SIZE);
    return SQLITE_OK;
}

/* ---- write-ahead log -------------------------------------------------- */

/* Position of `off` relative to the frames: frame index (0-based) and
 * offset inside. */
static void wal_locate(sqlite3_int64 off, sqlite3_int64 *frame, int *inside) {
    sqlite3_int64 rel = off - XCIPHER_WAL_HEADER;
    *frame = rel / XCIPHER_WAL_FRAME;
    *inside = (int)(rel % XCIPHER_WAL_FRAME);
}

static sqlite3_int64 wal_frame_offset(sqlite3_int64 frame) {
    return XCIPHER_WAL_HEADER + frame * XCIPHER_WAL_FRAME;
}

/* Reads exactly `amt` bytes that a write needs to find on disk. */
static int wal_read_back(cipher_file *f, void *dst, int amt, sqlite3_int64 off) {
    int rc = REAL(f)->pMethods->xRead(REAL(f), dst, amt, off);
    return rc == SQLITE_IOERR_SHORT_READ ? SQLITE_IOERR_WRITE : rc;
}

/* What the page of frame `index` (0-based) is bound to: its frame header's
 * page number and commit field (the header was just written through this
 * handle, or is on disk when SQLite rewrites a page in place), the salts and
 * checkpoint sequence of the WAL header (not the frame header's salts: SQLite
 * writes zeros there until it rewrites a transaction's checksums at commit),
 * the frame's number, and the commit frame its transaction follows: the
 * frame before it when that is a commit, else the one the frame before it
 * follows. SQLite holds the WAL write lock, and a transaction's frames are
 * written in order after the commit it follows, so the frame before is on
 * disk and belongs to the same story. */
static int wal_frame_meta(cipher_file *f, sqlite3_int64 index, unsigned char *header,
                          uint32_t *pgno, xcipher_frame_meta *m) {
    sqlite3_int64 header_off = wal_frame_offset(index);
    unsigned char wal_header[XCIPHER_WAL_HEADER];
    int rc;
    if (f->pgno_offset == header_off) {
        memcpy(header, f->frame_header, XCIPHER_WAL_FRAME_HEADER);
    } else if ((rc = wal_read_back(f, header, XCIPHER_WAL_FRAME_HEADER, header_off)) != SQLITE_OK) {
        return rc;
    }
    /* The header only changes with the generation, and the frame header
     * carries the generation's salts (unless SQLite zeroed them for now). */
    if (!f->wal_header_known || memcmp(header + 8, f->wal_header + 16, 8) != 0) {
        if ((rc = wal_read_back(f, f->wal_header, XCIPHER_WAL_HEADER, 0)) != SQLITE_OK) {
            f->wal_header_known = 0;
            return rc;
        }
        f->wal_header_known = 1;
    }
    memcpy(wal_header, f->wal_header, sizeof wal_header);
    *pgno = xcipher_get32be(header);
    m->commit = xcipher_get32be(header + 4);
    memcpy(m->salts, wal_header + 16, 8);
    m->ckpt = xcipher_get32be(wal_header + 12);
    m->frame = (uint32_t)index + 1;
    m->base = 0;
    if (index == 0) return SQLITE_OK;
    sqlite3_int64 prev_off = wal_frame_offset(index - 1);
    unsigned char prev[XCIPHER_WAL_FRAME_HEADER];
    if ((rc = wal_read_back(f, prev, sizeof prev, prev_off)) != SQLITE_OK) return rc;
    if (xcipher_get32be(prev + 4) != 0) {
        m->base = (uint32_t)index;             /* the frame before is a commit */
        return SQLITE_OK;
    }
    /* The frame before continues a transaction: this handle just wrote it
     * (its header unchanged since), or its nonce says which commit that
     * transaction follows (a frame of the old format says nothing). */
    if (f->last_index == index - 1 && memcmp(prev, f->last_header, sizeof prev) == 0) {
        m->base = f->last_base;
        return SQLITE_OK;
    }
    unsigned char tail[12];
    sqlite3_int64 tail_off = prev_off + XCIPHER_WAL_FRAME_HEADER + XCIPHER_BODY_BYTES + XCIPHER_NONCE_BYTES - 12;
    if ((rc = wal_read_back(f, tail, sizeof tail, tail_off)) != SQLITE_OK) return rc;
    if (xcipher_get32be(tail) == m->ckpt && xcipher_get32be(tail + 4) == (uint32_t)index &&
        xcipher_get32be(tail + 8) < (uint32_t)index)
        m->base = xcipher_get32be(tail + 8);
    return SQLITE_OK;
}

static int wal_write(cipher_file *f, const void *data, int amt, sqlite3_int64 off) {
    /* A write means no recovery is running on this handle. */
    f->recovering = 0;
    if (off == 0 && amt == XCIPHER_WAL_HEADER) {
        f->wal_header_known = 0;
        f->last_index = -1;
        return REAL(f)->pMethods->xWrite(REAL(f), data, amt, off);
    }
    if (off < XCIPHER_WAL_HEADER) return SQLITE_IOERR_WRITE;
    sqlite3_int64 frame;
    int inside;
    wal_locate(off, &frame, &inside);
    if (inside == 0 && amt == XCIPHER_WAL_FRAME_HEADER) {
        f->pgno_offset = off;
        memcpy(f->frame_header, data, XCIPHER_WAL_FRAME_HEADER);
        return REAL(f)->pMethods->xWrite(REAL(f), data, amt, off);
    }
    if (inside == XCIPHER_WAL_FRAME_HEADER && amt == XCIPHER_PAGE_SIZE) {
        uint32_t pgno;
        xcipher_frame_meta m;
        unsigned char header[XCIPHER_WAL_FRAME_HEADER];
        int rc = wal_frame_meta(f, frame, header, &pgno, &m);
        if (rc != SQLITE_OK) return rc;
        rc = xcipher_encrypt_frame(f->key, pgno, &m, data, STORED(f));
        if (rc != SQLITE_OK) return rc;
        f->last_index = -1;
        rc = REAL(f)->pMethods->xWrite(REAL(f), STORED(f), amt, off);
        if (rc == SQLITE_OK) {
            f->last_index = frame;
            memcpy(f->last_header, header, sizeof header);
            f->last_base = m.base;
        }
        return rc;
    }
    return SQLITE_IOERR_WRITE;
}

/* SQLite reads the whole WAL header only to recover the WAL (rebuild the
 * wal-index from the file), holding every WAL lock, before it decides
 * which frames count. The walk decides first: on a tampered WAL the
 * recovery fails, SQLite changes nothing (it keeps the WAL and checkpoints
 * nothing) and every open fails, naming the frame; otherwise the frames
 * after the walk's end are hidden from the recovery's scan. */
static int wal_recovery_begins(cipher_file *f) {
    xcipher_wal_report r;
    char db_path[XCIPHER_MAX_PATH];
    size_t len = strlen(f->path);
    if (len < 4 || len - 4 >= sizeof db_path || strcmp(f->path + len - 4, "-wal") != 0) return SQLITE_IOERR_READ;
    memcpy(db_path, f->path, len - 4);
    db_path[len - 4] = '\0';
    int rc = xcipher_wal_walk(REAL(f), db_path, f->key, f->buf, &r);
    if (rc == SQLITE_IOERR_DATA) {
        sqlite3_int64 at = r.bad_frame ? wal_frame_offset(r.bad_frame - 1) : 0;
        xcipher_failure_record_reason(f->kind, r.bad_frame, at, f->path, r.reason);
        return rc;
    }
    if (rc != SQLITE_OK) return rc;
    f->recovering = 1;
    f->recovery_end = r.end;
    return SQLITE_OK;
}

/* Authenticates the stored frame now in STORED(f), frame number `n`, into
 * PLAIN(f); a format-2 frame must be where it was written. */
static int wal_frame_authenticates(cipher_file *f, uint32_t n) {
    static const unsigned char no_salts[8] = {0};
    unsigned char wal_header[XCIPHER_WAL_HEADER];
    const unsigned char *wal_salts = NULL;
    /* Zero salts: a frame whose checksum SQLite will rewrite at commit; it
     * belongs to the WAL header's generation. */
    if (memcmp(STORED(f) + 8, no_salts, 8) == 0 &&
        REAL(f)->pMethods->xRead(REAL(f), wal_header, sizeof wal_header, 0) == SQLITE_OK)
        wal_salts = wal_header + 16;
    xcipher_frame_meta m;
    int kind = xcipher_decrypt_frame(f->key, STORED(f), wal_salts, PLAIN(f), &m);
    if (kind == XCIPHER_FRAME_V2 && m.frame != n) {
        sodium_memzero(PLAIN(f), XCIPHER_PAGE_SIZE);
        return 0;
    }
    return kind != XCIPHER_FRAME_BAD;
}

static int wal_failed(cipher_file *f, uint32_t n, sqlite3_int64 off) {
    xcipher_failure_record(f->kind, n, off, f->path);
    return SQLITE_IOERR_DATA;
}

static int wal_read_frame(cipher_file *f, unsigned char *out, sqlite3_int64 off, uint32_t n) {
    int rc;
    int got = read_real(f, STORED(f), XCIPHER_WAL_FRAME, off, &rc);
    if (got == -2) return rc;
    if (got == 0) { memset(out, 0, XCIPHER_WAL_FRAME); return SQLITE_IOERR_SHORT_READ; }
    int kept = !f->recovering || n <= f->recovery_end;
    if (got == 1 && kept && wal_frame_authenticates(f, n)) {
        memcpy(out, STORED(f), XCIPHER_WAL_FRAME_HEADER);
        memcpy(out + XCIPHER_WAL_FRAME_HEADER, PLAIN(f), XCIPHER_PAGE_SIZE);
        sodium_memzero(PLAIN(f), XCIPHER_PAGE_SIZE);
        return SQLITE_OK;
    }
    /* Outside a recovery (SQLite re-reading its own transaction's frames to
     * rewrite their checksums) every frame must authenticate. */
    if (!f->recovering) return wal_failed(f, n, off);
    /* A frame the walk did not keep (after the last commit it accepted: a
     * torn tail, leftovers) ends the recovery's scan: its salts, inverted,
     * fail SQLite's own test whatever its checksum says. */
    memcpy(out, STORED(f), XCIPHER_WAL_FRAME_HEADER);
    for (int i = 8; i < 16; i++) out[i] = (unsigned char)~out[i];
    memset(out + XCIPHER_WAL_FRAME_HEADER, 0, XCIPHER_PAGE_SIZE);
    return SQLITE_OK;
}

static int wal_read_page(cipher_file *f, unsigned char *out, sqlite3_int64 frame_off, uint32_t n) {
    int rc;
    int got = read_real(f, STORED(f), XCIPHER_WAL_FRAME, frame_off, &rc);
    if (got == -2) return rc;
    if (got != 1 || !wal_frame_authenticates(f, n))
        return wal_failed(f, n, frame_off + XCIPHER_WAL_FRAME_HEADER);
    memcpy(out, PLAIN(f), XCIPHER_PAGE_SIZE);
    sodium_memzero(PLAIN(f), XCIPHER_PAGE_SIZE);
    return SQLITE_OK;
}

static int wal_read(cipher_file *f, void *out, int amt, sqlite3_int64 off) {
    if (off < XCIPHER_WAL_HEADER) {
        if (off + amt > XCIPHER_WAL_HEADER) return SQLITE_IOERR_READ;
        if (off == 0 && amt == XCIPHER_WAL_HEADER) {
            int rc = wal_recovery_begins(f);
            if (rc != SQLITE_OK) return rc;
        }
        return REAL(f)->pMethods->xRead(REAL(f), out, amt, off);
    }
    sqlite3_int64 frame;
    int inside;
    wal_locate(off, &frame, &inside);
    uint32_t n = (uint32_t)frame + 1;
    if (inside == 0 && amt == XCIPHER_WAL_FRAME) return wal_read_frame(f, out, off, n);
    if (inside == XCIPHER_WAL_FRAME_HEADER && amt == XCIPHER_PAGE_SIZE)
        return wal_read_page(f, out, wal_frame_offset(frame), n);
    /* Anything inside a frame header (page number, salts, checksums) is
     * metadata; a read that touches a page image any other way would hand
     * ciphertext to SQLite as if it were data. */
    if (inside + amt <= XCIPHER_WAL_FRAME_HEADER)
        return REAL(f)->pMethods->xRead(REAL(f), out, amt, off);
    return SQLITE_IOERR_READ;
}

/* ---- io methods -------------------------------------------------------- */

static int x_close(sqlite3_file *file) {
    cipher_file *f = (cipher_file *)file;
    int rc = SQLITE_OK;
    if (REAL(f)->pMethods) rc = REAL(f)->pMethods->xClose(REAL(f));
    if (f->buf) sodium_free(f->buf);
    xcipher_key_release(f->key);
    f->buf = NULL;
    f->key = NULL;
    return rc;
}

static int x_read(sqlite3_file *file, void *out, int amt, sqlite3_int64 off) {
    cipher_file *f = (cipher_file *)file;
    switch (f->kind) {
    case KIND_DB: return db_read(f, out, amt, off);
    case KIND_JOURNAL: return journal_read(f, out, amt, off);
    default: return wal_read(f, out, amt, off);
    }
}

static int x_write(sqlite3_file *file, const void *data, int amt, sqlite3_int64 off) {
    cipher_file *f = (cipher_file *)file;
    switch (f->kind) {
    case KIND_DB: return db_write(f, data, amt, off);
    case KIND_JOURNAL: return journal_write(f, data, amt, off);
    default: return wal_write(f, data, amt, off);
    }
}

static int x_truncate(sqlite3_file *file, sqlite3_int64 size) {
    return REAL((cipher_file *)file)->pMethods->xTruncate(REAL((cipher_file *)file), size);
}
static int x_sync(sqlite3_file *file, int flags) {
    return REAL((cipher_file *)file)->pMethods->xSync(REAL((cipher_file *)file), flags);
}
static int x_file_size(sqlite3_file *file, sqlite3_int64 *size) {
    return REAL((cipher_file *)file)->pMethods->xFileSize(REAL((cipher_file *)file), size);
}
static int x_lock(sqlite3_file *file, int level) {
    return REAL((cipher_file *)file)->pMethods->xLock(REAL((cipher_file *)file), level);
}
static int x_unlock(sqlite3_file *file, int level) {
    return REAL((cipher_file *)file)->pMethods->xUnlock(REAL((cipher_file *)file), level);
}
static int x_check_reserved(sqlite3_file *file, int *out) {
    return REAL((cipher_file *)file)->pMethods->xCheckReservedLock(REAL((cipher_file *)file), out);
}

static int pragma_is(const char *name, const char *want) {
    return name && sqlite3_stricmp(name, want) == 0;
}

static int x_file_control(sqlite3_file *file, int op, void *arg) {
    cipher_file *f = (cipher_file *)file;
    if (op == SQLITE_FCNTL_PRAGMA) {
        char **argv = arg;
        /* The page size is fixed by the format, and memory-mapped reads
         * would bypass decryption: refuse to change either. */
        if (argv[2] && (pragma_is(argv[1], "page_size") || pragma_is(argv[1], "mmap_size"))) {
            argv[0] = sqlite3_mprintf("xindesk: PRAGMA %s is fixed by the encrypted format", argv[1]);
            return SQLITE_ERROR;
        }
    }
    if (op == SQLITE_FCNTL_VFSNAME) {
        char **out = arg;
        int rc = REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
        if (rc == SQLITE_OK && *out) {
            char *both = sqlite3_mprintf("%s/%z", vfs_name, *out);
            *out = both;
        } else {
            *out = sqlite3_mprintf("%s", vfs_name);
        }
        return SQLITE_OK;
    }
    return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int x_sector_size(sqlite3_file *file) {
    return REAL((cipher_file *)file)->pMethods->xSectorSize(REAL((cipher_file *)file));
}
static int x_device_characteristics(sqlite3_file *file) {
    return REAL((cipher_file *)file)->pMethods->xDeviceCharacteristics(REAL((cipher_file *)file));
}
static int x_shm_map(sqlite3_file *file, int pg, int pgsz, int extend, void volatile **pp) {
    return REAL((cipher_file *)file)->pMethods->xShmMap(REAL((cipher_file *)file), pg, pgsz, extend, pp);
}
static int x_shm_lock(sqlite3_file *file, int offset, int n, int flags) {
    return REAL((cipher_file *)file)->pMethods->xShmLock(REAL((cipher_file *)file), offset, n, flags);
}
static void x_shm_barrier(sqlite3_file *file) {
    REAL((cipher_file *)file)->pMethods->xShmBarrier(REAL((cipher_file *)file));
}
static int x_shm_unmap(sqlite3_file *file, int delete_flag) {
    return REAL((cipher_file *)file)->pMethods->xShmUnmap(REAL((cipher_file *)file), delete_flag);
}
/* No memory mapping: a mapped page would reach SQLite without decryption. */
static int x_fetch(sqlite3_file *file, sqlite3_int64 off, int amt, void **pp) {
    *pp = NULL;
    return SQLITE_OK;
}
static int x_unfetch(sqlite3_file *file, sqlite3_int64 off, void *p) {
    return SQLITE_OK;
}

static const sqlite3_io_methods cipher_io = {
    3, x_close, x_read, x_write, x_truncate, x_sync, x_file_size, x_lock,
    x_unlock, x_check_reserved, x_file_control, x_sector_size,
    x_device_characteristics, x_shm_map, x_shm_lock, x_shm_barrier,
    x_shm_unmap, x_fetch, x_unfetch,
};

/* ---- vfs methods ------------------------------------------------------- */

static int x_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file,
                  int flags, int *out_flags) {
    cipher_file *f = (cipher_file *)file;
    memset(f, 0, sizeof *f);
    f->real = (sqlite3_file *)(f + 1);

    /* Temp databases, temp and statement journals, transient files and
     * nameless files have no key: with temp_store=MEMORY SQLite keeps them
     * in memory, and anything that still reaches here is refused. */
    const char *db_path;
    if (!name) return SQLITE_CANTOPEN;
    if (flags & SQLITE_OPEN_MAIN_DB) { f->kind = KIND_DB; db_path = name; }
    else if (flags & SQLITE_OPEN_MAIN_JOURNAL) { f->kind = KIND_JOURNAL; db_path = sqlite3_filename_database(name); }
    else if (flags & SQLITE_OPEN_WAL) { f->kind = KIND_WAL; db_path = sqlite3_filename_database(name); }
    else return SQLITE_CANTOPEN;
    if (!db_path) return SQLITE_CANTOPEN;

    f->key = xcipher_key_acquire(db_path);
    if (!f->key) return SQLITE_CANTOPEN;
    f->buf = sodium_malloc(XCIPHER_WALK_SCRATCH);
    if (!f->buf) { xcipher_key_release(f->key); f->key = NULL; return SQLITE_NOMEM; }
    f->pgno_offset = -1;
    f->last_index = -1;
    strncpy(f->path, name, sizeof f->path - 1);

    int rc = base_vfs->xOpen(base_vfs, name, f->real, flags, out_flags);
    if (rc != SQLITE_OK) {
        sodium_free(f->buf);
        xcipher_key_release(f->key);
        f->buf = NULL;
        f->key = NULL;
        return rc;
    }
    f->base.pMethods = &cipher_io;
    return SQLITE_OK;
}

static int x_delete(sqlite3_vfs *vfs, const char *name, int sync_dir) {
    return base_vfs->xDelete(base_vfs, name, sync_dir);
}
static int x_access(sqlite3_vfs *vfs, const char *name, int flags, int *out) {
    return base_vfs->xAccess(base_vfs, name, flags, out);
}
static int x_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out) {
    return base_vfs->xFullPathname(base_vfs, name, n, out);
}
static void *x_dl_open(sqlite3_vfs *vfs, const char *name) { return NULL; }
static void x_dl_error(sqlite3_vfs *vfs, int n, char *msg) {
    sqlite3_snprintf(n, msg, "xindesk: extensions are not loaded");
}
static void (*x_dl_sym(sqlite3_vfs *vfs, void *h, const char *sym))(void) { return NULL; }
static void x_dl_close(sqlite3_vfs *vfs, void *h) {}
static int x_randomness(sqlite3_vfs *vfs, int n, char *out) {
    randombytes_buf(out, (size_t)n);
    return n;
}
static int x_sleep(sqlite3_vfs *vfs, int us) { return base_vfs->xSleep(base_vfs, us); }
static int x_current_time(sqlite3_vfs *vfs, double *out) {
    return base_vfs->xCurrentTime(base_vfs, out);
}
static int x_get_last_error(sqlite3_vfs *vfs, int n, char *out) {
    return base_vfs->xGetLastError ? base_vfs->xGetLastError(base_vfs, n, out) : 0;
}
static int x_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *out) {
    return base_vfs->xCurrentTimeInt64(base_vfs, out);
}

int xcipher_register(const char *name, const char *base, int make_default) {
    if (sodium_init() < 0) return SQLITE_ERROR;
    if (!name || strlen(name) >= sizeof vfs_name) return SQLITE_MISUSE;
    int rc = sqlite3_initialize();
    if (rc != SQLITE_OK) return rc;
    pthread_mutex_lock(&register_mutex);
    if (!base_vfs) {
        sqlite3_vfs *b = sqlite3_vfs_find(base ? base : "unix");
        if (!b || b == &cipher_vfs) { pthread_mutex_unlock(&register_mutex); return SQLITE_NOTFOUND; }
        base_vfs = b;
        strcpy(vfs_name, name);
        cipher_vfs = (sqlite3_vfs){
            .iVersion = 3,
            .szOsFile = (int)sizeof(cipher_file) + b->szOsFile,
            .mxPathname = b->mxPathname < XCIPHER_MAX_PATH ? b->mxPathname : XCIPHER_MAX_PATH,
            .zName = vfs_name,
            .xOpen = x_open,
            .xDelete = x_delete,
            .xAccess = x_access,
            .xFullPathname = x_full_pathname,
            .xDlOpen = x_dl_open,
            .xDlError = x_dl_error,
            .xDlSym = x_dl_sym,
            .xDlClose = x_dl_close,
            .xRandomness = x_randomness,
            .xSleep = x_sleep,
            .xCurrentTime = x_current_time,
            .xGetLastError = x_get_last_error,
            .xCurrentTimeInt64 = x_current_time_int64,
        };
    }
    /* Registering an already registered VFS only moves it (to the head of
     * the list when it becomes the default). */
    rc = sqlite3_vfs_register(&cipher_vfs, make_default);
    pthread_mutex_unlock(&register_mutex);
    return rc;
}
