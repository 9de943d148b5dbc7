/*
 * The most recent authentication failure, kept process-wide so that the
 * layer above (Vault, `xindesk check`) can tell a teacher which page of which
 * file is damaged after SQLite has turned it into a plain error code.
 */
#include "cipher_internal.h"

#include <pthread.h>
#include <string.h>

static pthread_mutex_t failure_mutex = PTHREAD_MUTEX_INITIALIZER;
static xcipher_failure last_failure;
static int has_failure = 0;

void xcipher_failure_record_reason(int kind, uint32_t page, long long offset,
                                   const char *path, const char *reason) {
    pthread_mutex_lock(&failure_mutex);
    memset(&last_failure, 0, sizeof last_failure);
    last_failure.kind = kind;
    last_failure.page = page;
    last_failure.offset = offset;
    strncpy(last_failure.path, path ? path : "", sizeof last_failure.path - 1);
    strncpy(last_failure.reason, reason ? reason : "", sizeof last_failure.reason - 1);
    has_failure = 1;
    pthread_mutex_unlock(&failure_mutex);
}

void xcipher_failure_record(int kind, uint32_t page, long long offset,
                            const char *path) {
    xcipher_failure_record_reason(kind, page, offset, path, NULL);
}

int xcipher_last_failure(xcipher_failure *out) {
    pthread_mutex_lock(&failure_mutex);
    int has = has_failure;
    if (has && out) *out = last_failure;
    pthread_mutex_unlock(&failure_mutex);
    return has;
}

void xcipher_failure_clear(void) {
    pthread_mutex_lock(&failure_mutex);
    memset(&last_failure, 0, sizeof last_failure);
    has_failure = 0;
    pthread_mutex_unlock(&failure_mutex);
}
