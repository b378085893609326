/* charset_label.c - WHATWG encoding labels to iconv names.
 *
 * Browsers decode a page declared "iso-8859-1" or "ascii" as windows-1252
 * (the Encoding Standard maps those labels there), and real pages rely on
 * it for curly quotes and dashes, so we follow the same table. */
#include "charset_int.h"

#include <string.h>

typedef struct pnp_label_entry {
	pnp_encoding enc;
	const char *labels; /* space-separated, lowercase */
} pnp_label_entry;

static const pnp_label_entry pnp_labels[] = {
	{{"utf-8", "UTF-8", true, 1, false},
	 "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"},
	{{"windows-1252", "CP1252", true, 1, true},
	 "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 "
	 "iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 "
	 "x-cp1252 x-user-defined"},
	{{"iso-8859-2", "ISO-8859-2", true, 1, true},
	 "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2"},
	{{"iso-8859-5", "ISO-8859-5", true, 1, false},
	 "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 iso_8859-5:1988"},
	{{"iso-8859-7", "ISO-8859-7", true, 1, false},
	 "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 "
	 "iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek"},
	{{"iso-8859-8", "ISO-8859-8", true, 1, false},
	 "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 "
	 "iso88598 iso_8859-8 iso_8859-8:1988 visual iso-8859-8-i logical csiso88598i"},
	{{"iso-8859-15", "ISO-8859-15", true, 1, true},
	 "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"},
	{{"koi8-r", "KOI8-R", true, 1, false}, "cskoi8r koi koi8 koi8-r koi8_r"},
	{{"koi8-u", "KOI8-U", true, 1, false}, "koi8-ru koi8-u"},
	{{"ibm866", "CP866", true, 1, false}, "866 cp866 csibm866 ibm866"},
	{{"windows-874", "CP874", true, 1, false},
	 "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"},
	{{"windows-1250", "CP1250", true, 1, true}, "cp1250 windows-1250 x-cp1250"},
	{{"windows-1251", "CP1251", true, 1, false}, "cp1251 windows-1251 x-cp1251"},
	{{"windows-1253", "CP1253", true, 1, false}, "cp1253 windows-1253 x-cp1253"},
	{{"windows-1254", "CP1254", true, 1, true},
	 "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 "
	 "iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254"},
	{{"windows-1255", "CP1255", true, 1, false}, "cp1255 windows-1255 x-cp1255"},
	{{"windows-1256", "CP1256", true, 1, false}, "cp1256 windows-1256 x-cp1256"},
	{{"windows-1257", "CP1257", true, 1, true}, "cp1257 windows-1257 x-cp1257"},
	{{"windows-1258", "CP1258", true, 1, true}, "cp1258 windows-1258 x-cp1258"},
	{{"gbk", "GB18030", true, 1, false},
	 "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk"},
	{{"gb18030", "GB18030", true, 1, false}, "gb18030"},
	{{"big5", "BIG5-HKSCS", true, 1, false}, "big5 big5-hkscs cn-big5 csbig5 x-x-big5"},
	{{"euc-jp", "EUC-JP", true, 1, false}, "cseucpkdfmtjapanese euc-jp x-euc-jp"},
	{{"iso-2022-jp", "ISO-2022-JP", false, 1, false}, "csiso2022jp iso-2022-jp"},
	{{"shift_jis", "CP932", true, 1, false},
	 "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"},
	{{"euc-kr", "CP949", true, 1, false},
	 "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 "
	 "ksc5601 ksc_5601 windows-949"},
	{{"utf-16be", "UTF-16BE", false, 2, false}, "unicodefffe utf-16be"},
	{{"utf-16le", "UTF-16LE", false, 2, false},
	 "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le"},
};

static bool pnp_ascii_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* True if the lowercase word w[0..n) is one of the space-separated labels. */
static bool pnp_label_in(const char *labels, const char *w, size_t n)
{
	for (const char *p = labels; *p;) {
		size_t l = strcspn(p, " ");
		if (l == n && memcmp(p, w, n) == 0)
			return true;
		p += l;
		p += strspn(p, " ");
	}
	return false;
}

const pnp_encoding *pnp_encoding_for_label(const char *label, size_t n)
{
	while (n > 0 && pnp_ascii_space(*label))
		label++, n--;
	while (n > 0 && pnp_ascii_space(label[n - 1]))
		n--;
	char w[32];
	if (n == 0 || n >= sizeof w)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char c = label[i];
		w[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
	}
	for (size_t i = 0; i < sizeof pnp_labels / sizeof pnp_labels[0]; i++)
		if (pnp_label_in(pnp_labels[i].labels, w, n))
			return &pnp_labels[i].enc;
	return NULL;
}

const pnp_encoding *pnp_encoding_utf8(void)
{
	return &pnp_labels[0].enc;
}

const pnp_encoding *pnp_encoding_windows1252(void)
{
	return &pnp_labels[1].enc;
}
