/*
 * The key registry: which data key and file id belong to which database
 * path. The VFS looks keys up here when SQLite opens a database, journal or
 * WAL; a file holds a reference to its entry until it closes, so removing a
 * key never pulls it from under an open connection.
 */
#include "cipher_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t registry_mutex = PTHREAD_MUTEX_INITIALIZER;
static xcipher_key *registry_head = NULL;

static void key_free(xcipher_key *k) {
    sodium_free(k->key);
    free(k->path);
    free(k);
}

/* Unlinks `k` from the registry list. Caller holds the mutex. */
static void registry_unlink(xcipher_key *k) {
    xcipher_key **p = &registry_head;
    while (*p && *p != k) p = &(*p)->next;
    if (*p) *p = k->next;
    k->next = NULL;
}

static xcipher_key *registry_find_locked(const char *path) {
    for (xcipher_key *k = registry_head; k; k = k->next)
        if (strcmp(k->path, path) == 0) return k;
    return NULL;
}

int xcipher_canonical_path(const char *path, char *out, int n) {
    sqlite3_vfs *base = xcipher_base_vfs();
    if (!base) return SQLITE_MISUSE;
    return base->xFullPathname(base, path, n, out);
}

int xcipher_key_add(const char *db_path, const unsigned char *key,
                    const unsigned char *file_id) {
    if (!db_path || !key || !file_id) return SQLITE_MISUSE;
    if (sodium_init() < 0) return SQLITE_NOMEM;
    char canonical[XCIPHER_MAX_PATH];
    if (xcipher_canonical_path(db_path, canonical, sizeof canonical) != SQLITE_OK)
        return SQLITE_CANTOPEN;

    xcipher_key *k = calloc(1, sizeof *k);
    if (!k) return SQLITE_NOMEM;
    k->path = strdup(canonical);
    k->key = sodium_malloc(XCIPHER_KEY_BYTES);
    if (!k->path || !k->key) {
        if (k->key) sodium_free(k->key);
        free(k->path);
        free(k);
        return SQLITE_NOMEM;
    }
    memcpy(k->key, key, XCIPHER_KEY_BYTES);
    sodium_mprotect_readonly(k->key);
    memcpy(k->file_id, file_id, XCIPHER_FILE_ID_BYTES);
    k->refs = 1; /* the registry's own reference */

    pthread_mutex_lock(&registry_mutex);
    xcipher_key *old = registry_find_locked(canonical);
    if (old) {
        registry_unlink(old);
        if (--old->refs == 0) key_free(old);
    }
    k->next = registry_head;
    registry_head = k;
    pthread_mutex_unlock(&registry_mutex);
    return SQLITE_OK;
}

int xcipher_key_remove(const char *db_path) {
    if (!db_path) return SQLITE_MISUSE;
    char canonical[XCIPHER_MAX_PATH];
    if (xcipher_canonical_path(db_path, canonical, sizeof canonical) != SQLITE_OK)
        return SQLITE_NOTFOUND;
    pthread_mutex_lock(&registry_mutex);
    xcipher_key *k = registry_find_locked(canonical);
    if (k) {
        registry_unlink(k);
        if (--k->refs == 0) key_free(k);
    }
    pthread_mutex_unlock(&registry_mutex);
    return k ? SQLITE_OK : SQLITE_NOTFOUND;
}

xcipher_key *xcipher_key_acquire(const char *canonical_path) {
    pthread_mutex_lock(&registry_mutex);
    xcipher_key *k = registry_find_locked(canonical_path);
    if (k) k->refs++;
    pthread_mutex_unlock(&registry_mutex);
    return k;
}

void xcipher_key_release(xcipher_key *k) {
    if (!k) return;
    pthread_mutex_lock(&registry_mutex);
    int last = (--k->refs == 0);
    pthread_mutex_unlock(&registry_mutex);
    if (last) key_free(k);
}
