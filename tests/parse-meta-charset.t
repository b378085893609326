#!/usr/bin/env bash
# pn-parse charset handling: BOM, HTTP charset, <meta> prescan, detection,
# the usual lies (iso-8859-1 meaning windows-1252, utf-8 that is not,
# latin1 that is utf-8), repair of bad bytes. Pages are made here with
# iconv from UTF-8 text so the bytes are plain to see.
. "$(dirname "$0")/lib.sh"

command -v jq >/dev/null || skip_all "jq not installed"
command -v iconv >/dev/null || skip_all "iconv not installed"
[ -x "$PN_BIN/pn-parse" ] || skip_all "pn-parse not built in $PN_BIN"

BODY='<p>Acme Biotherapeutics said that the regulator had accepted its application for examplinib, an oral kinase inhibitor, in adults with relapsed disease.</p>
<p>The company expects a decision in the second half of the year and plans to launch the medicine shortly after approval, its chief executive said.</p>'

# html DECLARATION TITLE: a UTF-8 page with that head declaration and title
html() { printf '<!DOCTYPE html><html><head>%s<title>%s</title></head><body><article>%s<p>%s</p></article></body></html>' \
	"$1" "$2" "$BODY" "$2"; }
# check FILE TITLE CHARSET DESCRIPTION: the record's title and source.charset
check() {
	local j
	j=$(pn-parse "$1" 2>"$TMP/err" | tail -n 1)
	is "$(printf '%s' "$j" | jq -r '.title + " / " + .source.charset')" "$2 / $3" "$4"
}

CAFE='Café “quoted” – 5 €'
html '<meta charset="windows-1252">' "$CAFE" | iconv -f UTF-8 -t CP1252 > "$TMP/w1252.html"
check "$TMP/w1252.html" "$CAFE" windows-1252 "windows-1252 declared"

html '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">' "$CAFE" |
	iconv -f UTF-8 -t CP1252 > "$TMP/latin1.html"
check "$TMP/latin1.html" "$CAFE" windows-1252 "iso-8859-1 declared, curly quotes and euro decoded as windows-1252"

html '<meta charset="iso-8859-1">' "$CAFE" > "$TMP/latin1-utf8.html"
check "$TMP/latin1-utf8.html" "$CAFE" utf-8 "iso-8859-1 declared but well-formed UTF-8: read as UTF-8"

html '<meta charset="utf-8">' "$CAFE" | iconv -f UTF-8 -t CP1252 > "$TMP/utf8-lie.html"
check "$TMP/utf8-lie.html" "$CAFE" windows-1252 "utf-8 declared, bytes are windows-1252: detected"

html '' "$CAFE" | iconv -f UTF-8 -t CP1252 > "$TMP/undeclared.html"
check "$TMP/undeclared.html" "$CAFE" windows-1252 "undeclared windows-1252"

html '' "$CAFE" > "$TMP/plain.html"
check "$TMP/plain.html" "$CAFE" utf-8 "undeclared UTF-8 (fast path)"

JA='新薬の承認申請が受理されました'
html '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">' "$JA" |
	iconv -f UTF-8 -t CP932 > "$TMP/sjis.html"
check "$TMP/sjis.html" "$JA" shift_jis "Shift_JIS via http-equiv"

ZH='新药上市申请获得受理'
html '<!-- <meta charset="koi8-r"> --><meta content="text/html; charset=gb2312" http-equiv="content-type">' "$ZH" |
	iconv -f UTF-8 -t GB2312 > "$TMP/gb.html"
check "$TMP/gb.html" "$ZH" gbk "gb2312 via meta (content before http-equiv, commented meta skipped)"

html '<meta charset="utf-8">' "$CAFE" | iconv -f UTF-8 -t UTF-16LE > "$TMP/u16.tmp"
{ printf '\xff\xfe'; cat "$TMP/u16.tmp"; } > "$TMP/u16le.html"
check "$TMP/u16le.html" "$CAFE" utf-16le "UTF-16LE BOM beats the meta declaration"
html '' "$CAFE" | iconv -f UTF-8 -t UTF-16BE > "$TMP/u16.tmp"
{ printf '\xfe\xff'; cat "$TMP/u16.tmp"; } > "$TMP/u16be.html"
check "$TMP/u16be.html" "$CAFE" utf-16be "UTF-16BE BOM"

{ printf '\xef\xbb\xbf'; html '<meta charset="windows-1252">' "$CAFE"; } > "$TMP/bom8.html"
check "$TMP/bom8.html" "$CAFE" utf-8 "UTF-8 BOM beats the meta declaration"

printf '<html><head><meta charset="utf-8"><title>ok é bad \xff\xc3 here è, \xed\xa0\x80 \xf0\x9f\x92\x8a</title></head><body><article>%s</article></body></html>' \
	"$BODY" > "$TMP/bad.html"
check "$TMP/bad.html" "ok é bad �� here è, ��� 💊" utf-8 "ill-formed UTF-8 replaced by U+FFFD (surrogates too)"

printf '<html><head><title>nul\x00byte</title></head><body><article>%s</article></body></html>' "$BODY" > "$TMP/nul.html"
check "$TMP/nul.html" "nul�byte" utf-8 "NUL replaced"

# HTTP Content-Type (in a WARC response) beats <meta>.
html '<meta charset="iso-8859-1">' "$JA" | iconv -f UTF-8 -t CP932 > "$TMP/sjis-body"
{ printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset="shift_jis"\r\nContent-Length: %d\r\n\r\n' \
	"$(wc -c < "$TMP/sjis-body")"; cat "$TMP/sjis-body"; } > "$TMP/resp"
{ printf 'WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example.com/ja\r\n'
  printf 'WARC-Date: 2025-03-04T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n'
  printf 'Content-Type: application/http;msgtype=response\r\nContent-Length: %d\r\n\r\n' "$(wc -c < "$TMP/resp")"
  cat "$TMP/resp"; printf '\r\n\r\n'; } > "$TMP/ja.warc"
check "$TMP/ja.warc" "$JA" shift_jis "HTTP charset beats the meta declaration"

done_testing
