/*
 * Verification without SQLite: read the database and its WAL straight from
 * disk, authenticate every page and walk the WAL (wal_walk.c), so `xindesk
 * check` can name the first damaged page or frame even when SQLite would
 * only say "disk I/O error", or would silently drop a tampered WAL.
 */
#include "cipher_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int read_at(int fd, unsigned char *buf, size_t n, off_t off) {
    size_t done = 0;
    while (done < n) {
        ssize_t r = pread(fd, buf + done, n - done, off + (off_t)done);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        done += (size_t)r;
    }
    return 0;
}

int xcipher_read_file_id(const char *db_path, unsigned char *file_id_out) {
    int fd = open(db_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return SQLITE_CANTOPEN;
    struct stat st;
    if (fstat(fd, &st) != 0) { close(fd); return SQLITE_CANTOPEN; }
    if (st.st_size == 0) { close(fd); return SQLITE_EMPTY; }
    unsigned char head[16];
    int ok = read_at(fd, head, sizeof head, 0) == 0;
    close(fd);
    if (!ok || memcmp(head, XCIPHER_TAG, XCIPHER_TAG_BYTES) != 0) return SQLITE_NOTADB;
    memcpy(file_id_out, head + 4, XCIPHER_FILE_ID_BYTES);
    return SQLITE_OK;
}

static void fail(xcipher_failure *failure, int kind, uint32_t page, long long offset,
                 const char *path, const char *reason) {
    if (!failure) return;
    memset(failure, 0, sizeof *failure);
    failure->kind = kind;
    failure->page = page;
    failure->offset = offset;
    strncpy(failure->path, path, sizeof failure->path - 1);
    if (reason) strncpy(failure->reason, reason, sizeof failure->reason - 1);
}

/* (See cipher_internal.h: through the base VFS, so no lock is dropped.) */
int xcipher_open_base(const char *path, int type, sqlite3_file **out) {
    sqlite3_vfs *base = xcipher_base_vfs();
    if (!base) return SQLITE_CANTOPEN;
    sqlite3_file *file = sqlite3_malloc(base->szOsFile);
    if (!file) return SQLITE_NOMEM;
    memset(file, 0, (size_t)base->szOsFile);
    int out_flags = 0;
    int rc = base->xOpen(base, path, file, SQLITE_OPEN_READONLY | type, &out_flags);
    if (rc != SQLITE_OK) {
        if (file->pMethods) file->pMethods->xClose(file);
        sqlite3_free(file);
        return SQLITE_CANTOPEN;
    }
    *out = file;
    return SQLITE_OK;
}

void xcipher_close_base(sqlite3_file *file) {
    file->pMethods->xClose(file);
    sqlite3_free(file);
}

static int verify_db(sqlite3_file *file, const char *path, const xcipher_key *k, unsigned char *buf,
                     xcipher_failure *failure, long long *checked) {
    sqlite3_int64 size = 0;
    if (file->pMethods->xFileSize(file, &size) != SQLITE_OK) return SQLITE_CANTOPEN;
    long long pages = (size + XCIPHER_PAGE_SIZE - 1) / XCIPHER_PAGE_SIZE;
    if (pages == 0) { fail(failure, XCIPHER_FILE_DB, 1, 0, path, NULL); return SQLITE_NOTADB; }
    for (long long i = 0; i < pages; i++) {
        uint32_t pgno = (uint32_t)(i + 1);
        sqlite3_int64 off = (sqlite3_int64)i * XCIPHER_PAGE_SIZE;
        int rc = file->pMethods->xRead(file, buf, XCIPHER_PAGE_SIZE, off);
        if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ) return SQLITE_CANTOPEN;
        if (rc != SQLITE_OK || xcipher_decrypt_page(k, pgno, buf, buf + XCIPHER_WAL_FRAME) != 0) {
            fail(failure, XCIPHER_FILE_DB, pgno, (long long)off, path, NULL);
            return pgno == 1 ? SQLITE_NOTADB : SQLITE_IOERR_DATA;
        }
        (*checked)++;
    }
    return SQLITE_OK;
}

static int verify_wal(const char *db_path, const xcipher_key *k, unsigned char *buf,
                      xcipher_failure *failure, long long *checked) {
    char wal_path[XCIPHER_MAX_PATH + 8];
    snprintf(wal_path, sizeof wal_path, "%s-wal", db_path);
    sqlite3_vfs *base = xcipher_base_vfs();
    int exists = 0;
    if (!base || base->xAccess(base, wal_path, SQLITE_ACCESS_EXISTS, &exists) != SQLITE_OK) return SQLITE_CANTOPEN;
    if (!exists) return SQLITE_OK;
    sqlite3_file *wal;
    int rc = xcipher_open_base(wal_path, SQLITE_OPEN_WAL, &wal);
    if (rc != SQLITE_OK) return rc;
    xcipher_wal_report r;
    rc = xcipher_wal_walk(wal, db_path, k, buf, &r);
    xcipher_close_base(wal);
    if (rc == SQLITE_IOERR_DATA) {
        long long at = r.bad_frame ? XCIPHER_WAL_HEADER + (long long)(r.bad_frame - 1) * XCIPHER_WAL_FRAME : 0;
        fail(failure, XCIPHER_FILE_WAL, r.bad_frame, at, wal_path, r.reason);
        return rc;
    }
    if (rc != SQLITE_OK) return SQLITE_CANTOPEN;
    *checked += r.authenticated;
    return SQLITE_OK;
}

/* The key and file id as the registry would hold them, for one call. */
typedef struct verify_setup {
    xcipher_key k;
    unsigned char *buf;
    char canonical[XCIPHER_MAX_PATH];
} verify_setup;

static int setup(verify_setup *v, const char *db_path, const unsigned char *key,
                 const unsigned char *file_id, xcipher_failure *failure) {
    if (sodium_init() < 0) return SQLITE_ERROR;
    if (failure) memset(failure, 0, sizeof *failure);
    memset(v, 0, sizeof *v);
    if (xcipher_canonical_path(db_path, v->canonical, sizeof v->canonical) != SQLITE_OK) return SQLITE_CANTOPEN;
    v->k.key = sodium_malloc(XCIPHER_KEY_BYTES);
    v->buf = sodium_malloc(XCIPHER_WALK_SCRATCH);
    if (!v->k.key || !v->buf) {
        if (v->k.key) sodium_free(v->k.key);
        if (v->buf) sodium_free(v->buf);
        return SQLITE_NOMEM;
    }
    memcpy(v->k.key, key, XCIPHER_KEY_BYTES);
    memcpy(v->k.file_id, file_id, XCIPHER_FILE_ID_BYTES);
    return SQLITE_OK;
}

static void teardown(verify_setup *v) {
    sodium_free(v->buf);
    sodium_free(v->k.key);
}

int xcipher_verify(const char *db_path, const unsigned char *key,
                   const unsigned char *file_id, xcipher_failure *failure,
                   long long *pages_checked) {
    verify_setup v;
    int rc = setup(&v, db_path, key, file_id, failure);
    if (rc != SQLITE_OK) return rc;
    long long checked = 0;
    sqlite3_file *db;
    rc = xcipher_open_base(v.canonical, SQLITE_OPEN_MAIN_DB, &db);
    if (rc == SQLITE_OK) {
        rc = verify_db(db, db_path, &v.k, v.buf, failure, &checked);
        xcipher_close_base(db);
    }
    if (rc == SQLITE_OK) rc = verify_wal(db_path, &v.k, v.buf, failure, &checked);
    teardown(&v);
    if (pages_checked) *pages_checked = checked;
    return rc;
}

int xcipher_verify_wal(const char *db_path, const unsigned char *key,
                       const unsigned char *file_id, xcipher_failure *failure,
                       long long *frames_checked) {
    verify_setup v;
    int rc = setup(&v, db_path, key, file_id, failure);
    if (rc != SQLITE_OK) return rc;
    long long checked = 0;
    rc = verify_wal(db_path, &v.k, v.buf, failure, &checked);
    teardown(&v);
    if (frames_checked) *frames_checked = checked;
    return rc;
}
