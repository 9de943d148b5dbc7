/*
 * The decision on a WAL file, made without SQLite: intact, ending in what a
 * crash leaves (both fine), or altered. The VFS runs it when SQLite starts
 * to recover a WAL and fails the recovery when it says altered, so a
 * tampered WAL is refused instead of silently rolled back; otherwise
 * recovery keeps exactly the frames this walk accepts. `xcipher_verify_wal`
 * (and so `xindesk check`) runs it too.
 *
 * What SQLite's writes and a crash can leave (the VFS writes a frame's
 * header, then its page; every commit is synced before the next transaction
 * writes; a new generation's header is synced before its first frame):
 *   - from frame 1, the frames of the header's generation up to the last
 *     synced commit, every one valid for recovery (salts, checksum chain);
 *   - after them: the frames of the transaction being written (the last one
 *     maybe torn, some with zero salts and checksums SQLite had not
 *     rewritten yet, perhaps its commit frame), and leftovers: frames of
 *     transactions rolled back or cut short before, and frames of older
 *     generations. SQLite starts a new generation (new salts) over the old
 *     frames only once every committed one is in the database file, or when
 *     recovery kept none of them.
 * What none of that leaves, and tampering does:
 *   - an invalid WAL header (magic, version, page size, checksum) with
 *     authentic frames behind it;
 *   - a frame that is not at the position it was written to;
 *   - an authentic frame whose transaction follows a commit frame that the
 *     chain no longer reaches: that commit was synced (a later transaction
 *     started on it), so something before it was changed;
 *   - a header of another generation than frame 1 while frame 1's
 *     generation holds commits that are not in the database file (all but
 *     its last transaction, which may never have been published).
 * Not detectable here: a WAL cut back at a frame boundary (or emptied), or
 * damage inside its last transaction, looks exactly like a crash while that
 * transaction was written; it is a rollback to an earlier state of the
 * files, like replacing them with an older copy. The WAL header's
 * checkpoint sequence is bound into every frame but decides nothing: SQLite
 * keeps it per connection, so two workstations write different ones.
 */
#include "cipher_internal.h"

#include <stdlib.h>
#include <string.h>

#define WAL_MAGIC 0x377f0682u
#define WAL_VERSION 3007000u

typedef struct checksum {
    uint32_t s1, s2;
} checksum;

static uint32_t word(const unsigned char *p, int big_endian) {
    if (big_endian) return xcipher_get32be(p);
    return ((uint32_t)p[3] << 24) | ((uint32_t)p[2] << 16) | ((uint32_t)p[1] << 8) | (uint32_t)p[0];
}

/* SQLite's walChecksumBytes: pairs of 32-bit words in the byte order the
 * WAL header's magic names, continuing from `c`. */
static void add_checksum(int big_endian, const unsigned char *a, size_t n, checksum *c) {
    uint32_t s1 = c->s1, s2 = c->s2;
    for (size_t i = 0; i < n; i += 8) {
        s1 += word(a + i, big_endian) + s2;
        s2 += word(a + i + 4, big_endian) + s1;
    }
    c->s1 = s1;
    c->s2 = s2;
}

/* A page a chain committed: `frame` holds its last version. */
typedef struct page_version {
    uint32_t pgno, frame;
} page_version;

/* One generation's chain as recovery builds it (walIndexRecover and
 * walDecodeFrame), plus the binding of format-2 frames: each must follow
 * the last commit of the chain. */
typedef struct chain {
    int running;
    unsigned char salts[8];
    checksum sum;
    uint32_t last_commit;     /* last commit frame accepted; 0: none */
    uint32_t broken_at;       /* first frame not accepted; 0: none yet */
    page_version *pages;      /* when kept: every frame accepted, in order */
    uint32_t npages;
    /* Frames accepted up to the last commit and the database size it left;
     * the same for the commit before it (`prev_commit`). */
    uint32_t last_pages, last_db_pages;
    uint32_t prev_commit, prev_pages, prev_db_pages;
} chain;

static void chain_start(chain *ch, int big_endian, const unsigned char *header24) {
    memset(ch, 0, sizeof *ch);
    ch->running = 1;
    memcpy(ch->salts, header24 + 16, 8);
    add_checksum(big_endian, header24, 24, &ch->sum);
}

static void chain_add(chain *ch, int big_endian, uint32_t n, const unsigned char *frame,
                      const unsigned char *plain, int kind, const xcipher_frame_meta *m) {
    if (!ch->running) return;
    int ok = kind != XCIPHER_FRAME_BAD && memcmp(frame + 8, ch->salts, 8) == 0 &&
             xcipher_get32be(frame) != 0;
    if (ok && kind == XCIPHER_FRAME_V2) ok = m->base == ch->last_commit;
    if (ok) {
        checksum t = ch->sum;
        add_checksum(big_endian, frame, 8, &t);
        add_checksum(big_endian, plain, XCIPHER_PAGE_SIZE, &t);
        ok = t.s1 == xcipher_get32be(frame + 16) && t.s2 == xcipher_get32be(frame + 20);
        if (ok) ch->sum = t;
    }
    if (!ok) {
        ch->running = 0;
        ch->broken_at = n;
        return;
    }
    if (ch->pages) {
        ch->pages[ch->npages].pgno = xcipher_get32be(frame);
        ch->pages[ch->npages].frame = n;
        ch->npages++;
    }
    if (xcipher_get32be(frame + 4) != 0) {
        ch->prev_commit = ch->last_commit;
        ch->prev_pages = ch->last_pages;
        ch->prev_db_pages = ch->last_db_pages;
        ch->last_commit = n;
        ch->last_pages = ch->npages;
        ch->last_db_pages = xcipher_get32be(frame + 4);
    }
}

static int by_page_then_latest(const void *a, const void *b) {
    const page_version *x = a, *y = b;
    if (x->pgno != y->pgno) return x->pgno < y->pgno ? -1 : 1;
    return x->frame > y->frame ? -1 : x->frame < y->frame;
}

/* Reads frame `n` and decrypts its page into `out`; 0 when it does. */
static int frame_page(sqlite3_file *wal, const xcipher_key *k, const unsigned char *salts, uint32_t n,
                      unsigned char *frame, unsigned char *out) {
    sqlite3_int64 off = XCIPHER_WAL_HEADER + (sqlite3_int64)(n - 1) * XCIPHER_WAL_FRAME;
    int rc = wal->pMethods->xRead(wal, frame, XCIPHER_WAL_FRAME, off);
    if (rc != SQLITE_OK) return rc;
    return xcipher_decrypt_frame(k, frame, salts, out, NULL) == XCIPHER_FRAME_BAD ? SQLITE_IOERR_READ : SQLITE_OK;
}

/* Whether the database file at `db_path` holds what `old` committed: for
 * every page written before its last commit, the version it had at the
 * commit before the last, or (if the last transaction touched it) the one
 * it had at the last. SQLite starts a new generation only over frames it
 * copied into the database (or kept none of); the last transaction may be
 * missing, because its writer can die after syncing it and before
 * publishing it in the -shm, and another process that never saw it then
 * restarts the WAL over it. 1 yes, 0 no, or a negative SQLite code when a
 * file cannot be read. */
static int all_in_database(chain *old, sqlite3_file *wal, const char *db_path, const xcipher_key *k,
                           unsigned char *scratch) {
    if (old->prev_pages == 0) return 1;
    sqlite3_file *db;
    int rc = xcipher_open_base(db_path, SQLITE_OPEN_MAIN_DB, &db);
    if (rc != SQLITE_OK) return -rc;
    qsort(old->pages, old->last_pages, sizeof *old->pages, by_page_then_latest);
    unsigned char *frame = scratch, *from_wal = scratch + XCIPHER_WAL_FRAME;
    unsigned char *from_db = from_wal + XCIPHER_PAGE_SIZE;
    uint32_t bound = old->prev_db_pages < old->last_db_pages ? old->prev_db_pages : old->last_db_pages;
    int same = 1;
    for (uint32_t i = 0; i < old->last_pages && same == 1; i++) {
        if (i > 0 && old->pages[i - 1].pgno == old->pages[i].pgno) continue;
        uint32_t pgno = old->pages[i].pgno, latest = old->pages[i].frame, before_last = 0;
        for (uint32_t j = i; j < old->last_pages && old->pages[j].pgno == pgno; j++)
            if (old->pages[j].frame <= old->prev_commit) { before_last = old->pages[j].frame; break; }
        if (before_last == 0 || pgno > bound) continue;
        /* The database's page, decrypted into from_db (read where the frame goes). */
        rc = db->pMethods->xRead(db, frame, XCIPHER_PAGE_SIZE, (sqlite3_int64)(pgno - 1) * XCIPHER_PAGE_SIZE);
        if (rc == SQLITE_IOERR_SHORT_READ) { same = 0; break; }
        if (rc != SQLITE_OK) { same = -rc; break; }
        if (xcipher_decrypt_page(k, pgno, frame, from_db) != 0) { same = 0; break; }
        same = 0;
        uint32_t versions[2] = {before_last, latest};
        for (int v = 0; v < (latest == before_last ? 1 : 2) && !same; v++) {
            rc = frame_page(wal, k, old->salts, versions[v], frame, from_wal);
            if (rc != SQLITE_OK) { same = rc == SQLITE_IOERR_READ ? 0 : -rc; break; }
            same = sodium_memcmp(from_wal, from_db, XCIPHER_PAGE_SIZE) == 0;
        }
    }
    xcipher_close_base(db);
    sodium_memzero(scratch, XCIPHER_WALK_SCRATCH);
    return same;
}

static int altered(xcipher_wal_report *r, uint32_t frame, const char *reason) {
    r->bad_frame = frame;
    r->reason = reason;
    return SQLITE_IOERR_DATA;
}

int xcipher_wal_walk(sqlite3_file *wal, const char *db_path, const xcipher_key *k,
                     unsigned char *scratch, xcipher_wal_report *r) {
    memset(r, 0, sizeof *r);
    sqlite3_int64 size = 0;
    int rc = wal->pMethods->xFileSize(wal, &size);
    if (rc != SQLITE_OK) return rc;
    /* Recovery reads nothing of a WAL this short. */
    if (size <= XCIPHER_WAL_HEADER) return SQLITE_OK;
    unsigned char h[XCIPHER_WAL_HEADER];
    rc = wal->pMethods->xRead(wal, h, sizeof h, 0);
    if (rc != SQLITE_OK) return rc;

    uint32_t magic = xcipher_get32be(h);
    int big_endian = (int)(magic & 1);
    checksum header_sum = {0, 0};
    add_checksum(big_endian, h, 24, &header_sum);
    /* SQLite ignores a WAL whose magic, page size or checksum is wrong and
     * refuses one of another version; frames here are always 4096 bytes. */
    int header_valid = (magic & ~1u) == WAL_MAGIC && xcipher_get32be(h + 4) == WAL_VERSION &&
                       xcipher_get32be(h + 8) == XCIPHER_PAGE_SIZE &&
                       header_sum.s1 == xcipher_get32be(h + 24) &&
                       header_sum.s2 == xcipher_get32be(h + 28);
    r->frames = (uint32_t)((size - XCIPHER_WAL_HEADER) / XCIPHER_WAL_FRAME);

    chain current, older;
    chain_start(&current, big_endian, h);
    current.running = header_valid;
    memset(&older, 0, sizeof older);
    uint32_t max_base = 0;

    unsigned char *frame = scratch, *plain = scratch + XCIPHER_WAL_FRAME;
    for (uint32_t n = 1; n <= r->frames && rc == SQLITE_OK; n++) {
        sqlite3_int64 off = XCIPHER_WAL_HEADER + (sqlite3_int64)(n - 1) * XCIPHER_WAL_FRAME;
        rc = wal->pMethods->xRead(wal, frame, XCIPHER_WAL_FRAME, off);
        if (rc != SQLITE_OK) break;
        xcipher_frame_meta m;
        memset(&m, 0, sizeof m);
        int kind = xcipher_decrypt_frame(k, frame, h + 16, plain, &m);
        /* (A frame with zero salts, waiting for SQLite to rewrite its
         * checksum, is of the header's generation if it authenticates.) */
        int this_generation = kind == XCIPHER_FRAME_V2 ? memcmp(m.salts, h + 16, 8) == 0
                                                       : memcmp(frame + 8, h + 16, 8) == 0;
        if (kind != XCIPHER_FRAME_BAD) {
            if (!header_valid) {
                rc = altered(r, 0, "the WAL header is not valid, but frames behind it authenticate");
                break;
            }
            if (this_generation) r->authenticated++;
        }
        if (kind == XCIPHER_FRAME_V2) {
            if (m.frame != n) {
                rc = altered(r, n, "a frame is not at the position it was written to (frames swapped, dropped or cut out)");
                break;
            }
            if (this_generation && m.base > max_base) max_base = m.base;
            if (n == 1 && !this_generation) {
                /* A new generation whose first frame is not written yet:
                 * what frame 1's generation committed must all be in the
                 * database. Its chain starts from its own header. */
                unsigned char old_header[24];
                memcpy(old_header, h, 12);
                xcipher_put32be(old_header + 12, m.ckpt);
                memcpy(old_header + 16, m.salts, 8);
                chain_start(&older, big_endian, old_header);
                older.pages = sqlite3_malloc64(sizeof *older.pages * (sqlite3_uint64)r->frames);
                if (!older.pages) rc = SQLITE_NOMEM;
            }
        }
        chain_add(&current, big_endian, n, frame, plain, kind, &m);
        chain_add(&older, big_endian, n, frame, plain, kind, &m);
    }
    sodium_memzero(plain, XCIPHER_PAGE_SIZE);
    if (rc == SQLITE_OK) {
        r->end = current.last_commit;
        /* A frame that follows a commit proves that commit was synced. */
        if (max_base > current.last_commit) {
            rc = altered(r, current.broken_at,
                         "committed frames follow a frame that was changed (recovery would drop them)");
        } else if (older.prev_commit) {
            int same = all_in_database(&older, wal, db_path, k, scratch);
            if (same < 0) rc = -same;
            else if (!same)
                rc = altered(r, 0, "the WAL header starts a new generation over committed frames that are not in the database");
        }
    }
    sqlite3_free(older.pages);
    return rc;
}
