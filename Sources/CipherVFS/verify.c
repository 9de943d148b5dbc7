/*
 * Verification without SQLite: read the database and its WAL straight from
 * disk and authenticate every page, so `xindesk check` can name the first
 * damaged page even when SQLite would only say "disk I/O error".
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
                 const char *path) {
    if (!failure) return;
    failure->kind = kind;
    failure->page = page;
    failure->offset = offset;
    strncpy(failure->path, path, sizeof failure->path - 1);
    failure->path[sizeof failure->path - 1] = '\0';
}

static int verify_db(int fd, const char *path, const xcipher_key *k, unsigned char *buf,
                     xcipher_failure *failure, long long *checked) {
    struct stat st;
    if (fstat(fd, &st) != 0) return SQLITE_CANTOPEN;
    long long pages = (st.st_size + XCIPHER_PAGE_SIZE - 1) / XCIPHER_PAGE_SIZE;
    if (pages == 0) { fail(failure, XCIPHER_FILE_DB, 1, 0, path); return SQLITE_NOTADB; }
    for (long long i = 0; i < pages; i++) {
        uint32_t pgno = (uint32_t)(i + 1);
        off_t off = (off_t)i * XCIPHER_PAGE_SIZE;
        if (read_at(fd, buf, XCIPHER_PAGE_SIZE, off) != 0 ||
            xcipher_decrypt_page(k, pgno, buf, buf + XCIPHER_PAGE_SIZE) != 0) {
            fail(failure, XCIPHER_FILE_DB, pgno, (long long)off, path);
            return pgno == 1 ? SQLITE_NOTADB : SQLITE_IOERR_DATA;
        }
        (*checked)++;
    }
    return SQLITE_OK;
}

/* Frames of the current WAL generation carry the header's salts. All of
 * them must authenticate, except a torn last frame that a crash left. */
static int verify_wal(int fd, const char *path, const xcipher_key *k, unsigned char *buf,
                      xcipher_failure *failure, long long *checked) {
    struct stat st;
    if (fstat(fd, &st) != 0) return SQLITE_CANTOPEN;
    if (st.st_size < XCIPHER_WAL_HEADER) return SQLITE_OK;
    unsigned char header[XCIPHER_WAL_HEADER];
    if (read_at(fd, header, sizeof header, 0) != 0) return SQLITE_CANTOPEN;
    long long frames = (st.st_size - XCIPHER_WAL_HEADER) / XCIPHER_WAL_FRAME;
    for (long long i = 0; i < frames; i++) {
        off_t off = XCIPHER_WAL_HEADER + (off_t)i * XCIPHER_WAL_FRAME;
        if (read_at(fd, buf, XCIPHER_WAL_FRAME, off) != 0) return SQLITE_CANTOPEN;
        if (memcmp(buf + 8, header + 16, 8) != 0) continue; /* older generation */
        uint32_t pgno = xcipher_get32be(buf);
        if (xcipher_decrypt_page(k, pgno, buf + XCIPHER_WAL_FRAME_HEADER,
                                 buf + XCIPHER_WAL_FRAME) != 0) {
            if (i == frames - 1) break;
            fail(failure, XCIPHER_FILE_WAL, pgno, (long long)off, path);
            return SQLITE_IOERR_DATA;
        }
        (*checked)++;
    }
    return SQLITE_OK;
}

int xcipher_verify(const char *db_path, const unsigned char *key,
                   const unsigned char *file_id, xcipher_failure *failure,
                   long long *pages_checked) {
    if (sodium_init() < 0) return SQLITE_ERROR;
    if (failure) memset(failure, 0, sizeof *failure);
    long long checked = 0;
    xcipher_key k = {0};
    k.key = sodium_malloc(XCIPHER_KEY_BYTES);
    unsigned char *buf = sodium_malloc(XCIPHER_WAL_FRAME + XCIPHER_PAGE_SIZE);
    if (!k.key || !buf) {
        if (k.key) sodium_free(k.key);
        if (buf) sodium_free(buf);
        return SQLITE_NOMEM;
    }
    memcpy(k.key, key, XCIPHER_KEY_BYTES);
    memcpy(k.file_id, file_id, XCIPHER_FILE_ID_BYTES);

    int rc = SQLITE_CANTOPEN;
    int fd = open(db_path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        rc = verify_db(fd, db_path, &k, buf, failure, &checked);
        close(fd);
    }
    if (rc == SQLITE_OK) {
        char wal_path[XCIPHER_MAX_PATH + 8];
        snprintf(wal_path, sizeof wal_path, "%s-wal", db_path);
        int wfd = open(wal_path, O_RDONLY | O_CLOEXEC);
        if (wfd >= 0) {
            rc = verify_wal(wfd, wal_path, &k, buf, failure, &checked);
            close(wfd);
        }
    }
    sodium_free(buf);
    sodium_free(k.key);
    if (pages_checked) *pages_checked = checked;
    return rc;
}
