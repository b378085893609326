/* hash.c - SHA-1 digests (libcrypto). */
#include "pn.h"

#include <openssl/evp.h>
#include <openssl/sha.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* Fetched once: EVP_sha1() in EVP_DigestInit_ex looks the provider's
 * implementation up again on every call (OpenSSL 3), a cost per record
 * that pn-fetch's writer threads paid. Kept for the process lifetime. */
static EVP_MD *sha1_md;
static pthread_once_t sha1_once = PTHREAD_ONCE_INIT;

static void sha1_fetch(void)
{
	sha1_md = EVP_MD_fetch(NULL, "SHA1", NULL);
}

void pn_sha1_base32_parts(const pn_part *parts, int nparts, char out[38])
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned dlen = 0;
	pthread_once(&sha1_once, sha1_fetch);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (!sha1_md || !ctx || !EVP_DigestInit_ex(ctx, sha1_md, NULL))
		pn_die(PN_EXIT_INTERNAL, "SHA-1 unavailable");
	for (int i = 0; i < nparts; i++)
		EVP_DigestUpdate(ctx, parts[i].p, parts[i].n);
	EVP_DigestFinal_ex(ctx, d, &dlen);
	EVP_MD_CTX_free(ctx);
	memcpy(out, "sha1:", 5);
	/* 160 bits = exactly 32 base32 digits, no padding */
	for (int i = 0; i < 32; i++) {
		int bit = i * 5, byte = bit / 8, off = bit % 8;
		unsigned v = (unsigned)d[byte] << 8 | (byte + 1 < SHA_DIGEST_LENGTH ? d[byte + 1] : 0);
		out[5 + i] = alphabet[(v >> (11 - off)) & 31];
	}
	out[37] = '\0';
}

void pn_sha1_base32(const void *p, size_t n, char out[38])
{
	pn_part part = {p, n};
	pn_sha1_base32_parts(&part, 1, out);
}

void pn_sha1_hex(const void *p, size_t n, char out[41])
{
	unsigned char d[SHA_DIGEST_LENGTH];
	SHA1(p, n, d);
	for (int i = 0; i < SHA_DIGEST_LENGTH; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

void pn_article_id(const char *url, char out[17])
{
	char hex[41];
	pn_sha1_hex(url, strlen(url), hex);
	memcpy(out, hex, 16);
	out[16] = '\0';
}
