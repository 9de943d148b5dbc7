#define _GNU_SOURCE /* memmem */
#include "SpyVFS.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>


typedef struct spy_file {
    sqlite3_file base;
    sqlite3_file *real;
} spy_file;

static sqlite3_vfs spy_vfs;
static sqlite3_vfs *unix_vfs;
static pthread_mutex_t spy_mutex = PTHREAD_MUTEX_INITIALIZER;
static unsigned char **markers;
static int *marker_lengths;
static int marker_count;
static long long writes, hits, bytes;

void spy_add_marker(const void *b, int n) {
    pthread_mutex_lock(&spy_mutex);
    markers = realloc(markers, sizeof *markers * (size_t)(marker_count + 1));
    marker_lengths = realloc(marker_lengths, sizeof *marker_lengths * (size_t)(marker_count + 1));
    markers[marker_count] = malloc((size_t)n);
    memcpy(markers[marker_count], b, (size_t)n);
    marker_lengths[marker_count] = n;
    marker_count++;
    pthread_mutex_unlock(&spy_mutex);
}

long long spy_write_count(void) { return writes; }
long long spy_marker_hits(void) { return hits; }
long long spy_bytes_written(void) { return bytes; }

#define REAL(f) (((spy_file *)(f))->real)

static int s_close(sqlite3_file *f) { return REAL(f)->pMethods->xClose(REAL(f)); }
static int s_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o) { return REAL(f)->pMethods->xRead(REAL(f), b, n, o); }
static int s_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o) {
    pthread_mutex_lock(&spy_mutex);
    writes++;
    bytes += n;
    for (int i = 0; i < marker_count; i++) {
        if (memmem(b, (size_t)n, markers[i], (size_t)marker_lengths[i])) { hits++; break; }
    }
    pthread_mutex_unlock(&spy_mutex);
    return REAL(f)->pMethods->xWrite(REAL(f), b, n, o);
}
static int s_truncate(sqlite3_file *f, sqlite3_int64 s) { return REAL(f)->pMethods->xTruncate(REAL(f), s); }
static int s_sync(sqlite3_file *f, int fl) { return REAL(f)->pMethods->xSync(REAL(f), fl); }
static int s_size(sqlite3_file *f, sqlite3_int64 *s) { return REAL(f)->pMethods->xFileSize(REAL(f), s); }
static int s_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int s_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int s_reserved(sqlite3_file *f, int *r) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), r); }
static int s_fcntl(sqlite3_file *f, int op, void *a) { return REAL(f)->pMethods->xFileControl(REAL(f), op, a); }
static int s_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int s_dev(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static int s_shm_map(sqlite3_file *f, int p, int s, int e, void volatile **pp) { return REAL(f)->pMethods->xShmMap(REAL(f), p, s, e, pp); }
static int s_shm_lock(sqlite3_file *f, int o, int n, int fl) { return REAL(f)->pMethods->xShmLock(REAL(f), o, n, fl); }
static void s_shm_barrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int s_shm_unmap(sqlite3_file *f, int d) { return REAL(f)->pMethods->xShmUnmap(REAL(f), d); }
static int s_fetch(sqlite3_file *f, sqlite3_int64 o, int n, void **pp) { return REAL(f)->pMethods->xFetch(REAL(f), o, n, pp); }
static int s_unfetch(sqlite3_file *f, sqlite3_int64 o, void *p) { return REAL(f)->pMethods->xUnfetch(REAL(f), o, p); }

static const sqlite3_io_methods spy_io = {
    3, s_close, s_read, s_write, s_truncate, s_sync, s_size, s_lock, s_unlock, s_reserved,
    s_fcntl, s_sector, s_dev, s_shm_map, s_shm_lock, s_shm_barrier, s_shm_unmap, s_fetch, s_unfetch,
};

static int s_open(sqlite3_vfs *v, sqlite3_filename name, sqlite3_file *f, int flags, int *out) {
    spy_file *sf = (spy_file *)f;
    sf->real = (sqlite3_file *)(sf + 1);
    int rc = unix_vfs->xOpen(unix_vfs, name, sf->real, flags, out);
    sf->base.pMethods = rc == SQLITE_OK ? &spy_io : NULL;
    return rc;
}
static int s_delete(sqlite3_vfs *v, const char *n, int d) { return unix_vfs->xDelete(unix_vfs, n, d); }
static int s_access(sqlite3_vfs *v, const char *n, int fl, int *o) { return unix_vfs->xAccess(unix_vfs, n, fl, o); }
static int s_full(sqlite3_vfs *v, const char *n, int k, char *o) { return unix_vfs->xFullPathname(unix_vfs, n, k, o); }
static int s_random(sqlite3_vfs *v, int n, char *o) { return unix_vfs->xRandomness(unix_vfs, n, o); }
static int s_sleep(sqlite3_vfs *v, int us) { return unix_vfs->xSleep(unix_vfs, us); }
static int s_time(sqlite3_vfs *v, double *o) { return unix_vfs->xCurrentTime(unix_vfs, o); }
static int s_lasterr(sqlite3_vfs *v, int n, char *o) { return unix_vfs->xGetLastError(unix_vfs, n, o); }
static int s_time64(sqlite3_vfs *v, sqlite3_int64 *o) { return unix_vfs->xCurrentTimeInt64(unix_vfs, o); }

int spy_register(void) {
    unix_vfs = sqlite3_vfs_find("unix");
    if (!unix_vfs) return SQLITE_ERROR;
    spy_vfs = (sqlite3_vfs){
        .iVersion = 2, .szOsFile = (int)sizeof(spy_file) + unix_vfs->szOsFile,
        .mxPathname = unix_vfs->mxPathname, .zName = "spy",
        .xOpen = s_open, .xDelete = s_delete, .xAccess = s_access, .xFullPathname = s_full,
        .xRandomness = s_random, .xSleep = s_sleep, .xCurrentTime = s_time,
        .xGetLastError = s_lasterr, .xCurrentTimeInt64 = s_time64,
    };
    return sqlite3_vfs_register(&spy_vfs, 0);
}

int spy_contains(const void *h, long hn, const void *n, long nn) {
    if (nn <= 0 || hn < nn) return 0;
    return memmem(h, (size_t)hn, n, (size_t)nn) != NULL;
}
