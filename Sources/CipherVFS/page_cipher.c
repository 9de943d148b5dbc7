/*
 * The page format (see CipherVFS.h): XChaCha20-Poly1305 with a fresh random
 * nonce per write; associated data binds the format tag, the file id, the
 * page number and page 1's clear SQLite fields, so a page moved to another
 * position or another database, or an edited clear header, does not
 * authenticate.
 */
#include "cipher_internal.h"

#include <string.h>

static const unsigned char sqlite_magic[16] = "SQLite format 3";

#define AD_BYTES (XCIPHER_TAG_BYTES + XCIPHER_FILE_ID_BYTES + 4 + 8)

static void make_ad(const xcipher_key *k, uint32_t pgno,
                    const unsigned char *clear16_23, unsigned char *ad) {
    memcpy(ad, XCIPHER_TAG, XCIPHER_TAG_BYTES);
    memcpy(ad + 4, k->file_id, XCIPHER_FILE_ID_BYTES);
    ad[16] = (unsigned char)(pgno >> 24);
    ad[17] = (unsigned char)(pgno >> 16);
    ad[18] = (unsigned char)(pgno >> 8);
    ad[19] = (unsigned char)pgno;
    if (clear16_23) memcpy(ad + 20, clear16_23, 8);
    else memset(ad + 20, 0, 8);
}

static int all_zero(const unsigned char *p, size_t n) {
    unsigned char acc = 0;
    for (size_t i = 0; i < n; i++) acc |= p[i];
    return acc == 0;
}

int xcipher_encrypt_page(const xcipher_key *k, uint32_t pgno,
                         const unsigned char *plain, unsigned char *out) {
    /* SQLite never writes the reserved area; anything there means the page
     * layout is not ours (reserve not set), and encrypting over it would
     * destroy data. */
    if (!all_zero(plain + XCIPHER_BODY_BYTES, XCIPHER_RESERVE)) return SQLITE_IOERR_WRITE;

    unsigned char ad[AD_BYTES];
    const unsigned char *nonce_out = out + XCIPHER_BODY_BYTES;
    unsigned char *mac = out + XCIPHER_BODY_BYTES + XCIPHER_NONCE_BYTES;
    randombytes_buf(out + XCIPHER_BODY_BYTES, XCIPHER_NONCE_BYTES);

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
    crypto_aead_xchacha20poly1305_ietf_encrypt_detached(
        out + skip, mac, NULL, plain + skip, XCIPHER_BODY_BYTES - skip,
        ad, sizeof ad, NULL, nonce_out, k->key);
    return SQLITE_OK;
}

int xcipher_decrypt_page(const xcipher_key *k, uint32_t pgno,
                         const unsigned char *stored, unsigned char *out) {
    unsigned char ad[AD_BYTES];
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
    if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(
            out + skip, NULL, stored + skip, XCIPHER_BODY_BYTES - skip, mac,
            ad, sizeof ad, nonce, k->key) != 0) {
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
