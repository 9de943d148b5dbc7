/*
 * The page format (see CipherVFS.h): XChaCha20-Poly1305 with a fresh random
 * nonce per write; associated data binds the format tag, the file id, the
 * page number and page 1's clear SQLite fields, so a page moved to another
 * position or another database, or an edited clear header, does not
 * authenticate.
 *
 * WAL frames (format 2) bind more: the frame header's commit field, the
 * salts and checkpoint sequence of the WAL header they were written under
 * (their generation), the frame's own number and the commit frame its
 * transaction follows. The last three are stored in
 * the clear in the nonce's last 12 bytes (its first 12 stay random), so a
 * frame describes itself and `xcipher_wal_walk` can tell where it belongs.
 * Frames written before format 2 (associated data of a page only) are still
 * read: they authenticate only under the old associated data, and a frame of
 * one format never authenticates as the other.
 */
#include "cipher_internal.h"

#include <string.h>

static const unsigned char sqlite_magic[16] = "SQLite format 3";

#define AD_PAGE_BYTES (XCIPHER_TAG_BYTES + XCIPHER_FILE_ID_BYTES + 4 + 8)
/* "WAL2", commit, salt-1, salt-2, checkpoint sequence, frame, base. */
#define AD_FRAME_BYTES (4 + 4 + 8 + 4 + 4 + 4)
static const unsigned char frame_domain[4] = {'W', 'A', 'L', '2'};

static void make_ad(const xcipher_key *k, uint32_t pgno,
                    const unsigned char *clear16_23, unsigned char *ad) {
    memcpy(ad, XCIPHER_TAG, XCIPHER_TAG_BYTES);
    memcpy(ad + 4, k->file_id, XCIPHER_FILE_ID_BYTES);
    xcipher_put32be(ad + 16, pgno);
    if (clear16_23) memcpy(ad + 20, clear16_23, 8);
    else memset(ad + 20, 0, 8);
}

static void make_frame_ad(const xcipher_frame_meta *m, unsigned char *ad) {
    memcpy(ad, frame_domain, 4);
    xcipher_put32be(ad + 4, m->commit);
    memcpy(ad + 8, m->salts, 8);
    xcipher_put32be(ad + 16, m->ckpt);
    xcipher_put32be(ad + 20, m->frame);
    xcipher_put32be(ad + 24, m->base);
}

static int all_zero(const unsigned char *p, size_t n) {
    unsigned char acc = 0;
    for (size_t i = 0; i < n; i++) acc |= p[i];
    return acc == 0;
}

/* Encrypts with the page's associated data followed by `extra`; the nonce's
 * last 12 bytes are `nonce_tail` when given (random otherwise). */
static int seal(const xcipher_key *k, uint32_t pgno, const unsigned char *plain,
                unsigned char *out, const unsigned char *extra, size_t extra_len,
                const unsigned char *nonce_tail) {
    /* SQLite never writes the reserved area; anything there means the page
     * layout is not ours (reserve not set), and encrypting over it would
     * destroy data. */
    if (!all_zero(plain + XCIPHER_BODY_BYTES, XCIPHER_RESERVE)) return SQLITE_IOERR_WRITE;

    unsigned char ad[AD_PAGE_BYTES + AD_FRAME_BYTES];
    unsigned char *nonce = out + XCIPHER_BODY_BYTES;
    unsigned char *mac = out + XCIPHER_BODY_BYTES + XCIPHER_NONCE_BYTES;
    if (nonce_tail) {
        randombytes_buf(nonce, XCIPHER_NONCE_BYTES - 12);
        memcpy(nonce + XCIPHER_NONCE_BYTES - 12, nonce_tail, 12);
    } else {
        randombytes_buf(nonce, XCIPHER_NONCE_BYTES);
    }

    size_t skip = 0;
    if (pgno == 1) {
        /* Bytes 16-17: page size (big-endian), byte 20: reserved bytes. */
        if (memcmp(plain, sqlite_magic, 16) != 0) return SQLITE_IOERR_WRITE;
        if (plain[16] != 0x10 || plain[17] != 0x00 || plain[20] != XCIPHER_RESERVE)
            return SQLITE_IOERR_WRITE;
        memcpy(out, XCIPHER_TAG, XCIPHER_TAG_BYTES);
        memcpy(out + 4, k->file_id, XCIPHER_FILE_ID_BYTES);
        memcpy(out + 16, plain + 16, 8);
        make_ad(k, pgno, plain + 16, ad);
        skip = XCIPHER_PAGE1_CLEAR;
    } else {
        make_ad(k, pgno, NULL, ad);
    }
    if (extra_len) memcpy(ad + AD_PAGE_BYTES, extra, extra_len);
    crypto_aead_xchacha20poly1305_ietf_encrypt_detached(
        out + skip, mac, NULL, plain + skip, XCIPHER_BODY_BYTES - skip,
        ad, AD_PAGE_BYTES + extra_len, NULL, nonce, k->key);
    return SQLITE_OK;
}

static int unseal(const xcipher_key *k, uint32_t pgno, const unsigned char *stored,
                  unsigned char *out, const unsigned char *extra, size_t extra_len) {
    unsigned char ad[AD_PAGE_BYTES + AD_FRAME_BYTES];
    const unsigned char *nonce = stored + XCIPHER_BODY_BYTES;
    const unsigned char *mac = stored + XCIPHER_BODY_BYTES + XCIPHER_NONCE_BYTES;
    size_t skip = 0;
    if (pgno == 1) {
        if (memcmp(stored, XCIPHER_TAG, XCIPHER_TAG_BYTES) != 0 ||
            sodium_memcmp(stored + 4, k->file_id, XCIPHER_FILE_ID_BYTES) != 0)
            return -1;
        make_ad(k, pgno, stored + 16, ad);
        skip = XCIPHER_PAGE1_CLEAR;
    } else {
        make_ad(k, pgno, NULL, ad);
    }
    if (extra_len) memcpy(ad + AD_PAGE_BYTES, extra, extra_len);
    if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(
            out + skip, NULL, stored + skip, XCIPHER_BODY_BYTES - skip, mac,
            ad, AD_PAGE_BYTES + extra_len, nonce, k->key) != 0) {
        sodium_memzero(out, XCIPHER_PAGE_SIZE);
        return -1;
    }
    if (pgno == 1) {
        memcpy(out, sqlite_magic, 16);
        memcpy(out + 16, stored + 16, 8);
    }
    memset(out + XCIPHER_BODY_BYTES, 0, XCIPHER_RESERVE);
    return 0;
}

int xcipher_encrypt_page(const xcipher_key *k, uint32_t pgno,
                         const unsigned char *plain, unsigned char *out) {
    return seal(k, pgno, plain, out, NULL, 0, NULL);
}

int xcipher_decrypt_page(const xcipher_key *k, uint32_t pgno,
                         const unsigned char *stored, unsigned char *out) {
    return unseal(k, pgno, stored, out, NULL, 0);
}

int xcipher_encrypt_frame(const xcipher_key *k, uint32_t pgno, const xcipher_frame_meta *m,
                          const unsigned char *plain, unsigned char *out) {
    unsigned char extra[AD_FRAME_BYTES], tail[12];
    make_frame_ad(m, extra);
    xcipher_put32be(tail, m->ckpt);
    xcipher_put32be(tail + 4, m->frame);
    xcipher_put32be(tail + 8, m->base);
    return seal(k, pgno, plain, out, extra, sizeof extra, tail);
}

int xcipher_decrypt_frame(const xcipher_key *k, const unsigned char *frame,
                          const unsigned char *wal_salts, unsigned char *out,
                          xcipher_frame_meta *m) {
    static const unsigned char no_salts[8] = {0};
    const unsigned char *stored = frame + XCIPHER_WAL_FRAME_HEADER;
    const unsigned char *tail = stored + XCIPHER_BODY_BYTES + XCIPHER_NONCE_BYTES - 12;
    uint32_t pgno = xcipher_get32be(frame);
    xcipher_frame_meta meta;
    meta.commit = xcipher_get32be(frame + 4);
    /* Zero salts: SQLite writes them so in the frames it will rewrite at
     * commit (walEncodeFrame while iReCksum is set); the page was bound to
     * its generation's salts, the WAL header's. */
    if (memcmp(frame + 8, no_salts, 8) == 0 && wal_salts) memcpy(meta.salts, wal_salts, 8);
    else memcpy(meta.salts, frame + 8, 8);
    meta.ckpt = xcipher_get32be(tail);
    meta.frame = xcipher_get32be(tail + 4);
    meta.base = xcipher_get32be(tail + 8);
    unsigned char extra[AD_FRAME_BYTES];
    make_frame_ad(&meta, extra);
    if (unseal(k, pgno, stored, out, extra, sizeof extra) == 0) {
        if (m) *m = meta;
        return XCIPHER_FRAME_V2;
    }
    if (unseal(k, pgno, stored, out, NULL, 0) == 0) return XCIPHER_FRAME_V1;
    return XCIPHER_FRAME_BAD;
}
