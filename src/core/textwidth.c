/* textwidth.c: display columns of UTF-8 text (wcwidth), the one place that
 * decodes characters for layout. */
#include "ucplan/textwidth.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ucplan/util.h"

/* Decodes one character at s (n bytes left).  Returns its length in bytes
 * (at least 1) and its width in *cols; invalid bytes count as one column. */
static size_t next_char(const char *s, size_t n, size_t *cols)
{
	mbstate_t st;
	wchar_t wc;
	size_t len;
	int w;

	/* ASCII needs no decoding: one byte, one column (control characters
	 * count as one, like invalid bytes). */
	if ((unsigned char)*s < 0x80) {
		*cols = 1;
		return 1;
	}
	memset(&st, 0, sizeof st);
	len = mbrtowc(&wc, s, n, &st);
	if (len == (size_t)-1 || len == (size_t)-2 || len == 0) {
		*cols = 1;
		return 1;
	}
	w = wcwidth(wc);
	*cols = w < 0 ? 1 : (size_t)w;
	return len;
}

size_t tw_width(const char *s)
{
	size_t n, total = 0, i = 0, cols;

	/* the common case: plain ASCII */
	while (s[i] && (unsigned char)s[i] < 0x80)
		i++;
	if (!s[i])
		return i;
	total = i;
	n = i + strlen(s + i);
	while (i < n) {
		i += next_char(s + i, n - i, &cols);
		total += cols;
	}
	return total;
}

size_t tw_fit(const char *s, size_t cols, size_t *used)
{
	size_t n = strlen(s), i = 0, total = 0, c, len;

	while (i < n) {
		len = next_char(s + i, n - i, &c);
		if (total + c > cols)
			break;
		total += c;
		i += len;
	}
	if (used)
		*used = total;
	return i;
}

char *tw_fit_pad(char *buf, size_t size, const char *s, size_t cols, int pad, int ascii)
{
	const char *ellipsis = ascii ? "~" : "\xe2\x80\xa6";
	size_t used, bytes, pos = 0;

	if (size == 0)
		return buf;
	if (tw_width(s) <= cols) {
		bytes = tw_fit(s, cols, &used);
	} else if (cols == 0) {
		bytes = 0;
		used = 0;
	} else {
		bytes = tw_fit(s, cols - 1, &used);
		if (bytes >= size)
			bytes = size - 1;
		memcpy(buf, s, bytes);
		pos = bytes;
		if (pos + strlen(ellipsis) < size) {
			memcpy(buf + pos, ellipsis, strlen(ellipsis));
			pos += strlen(ellipsis);
			used += 1;
		}
		bytes = 0;
	}
	if (bytes) {
		if (bytes >= size)
			bytes = size - 1;
		memcpy(buf, s, bytes);
		pos = bytes;
	}
	while (pad && used < cols && pos + 1 < size) {
		buf[pos++] = ' ';
		used++;
	}
	buf[pos] = '\0';
	return buf;
}

/* Length in bytes of the character at s (1 for invalid bytes). */
size_t tw_char_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;

	for (size_t i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

/* Punctuation that must not start a line (closing marks, and what follows a
 * word in Latin text) and punctuation that must not end one (opening
 * marks): the line-breaking rules Chinese typesetting shares with Latin. */
static const wchar_t no_line_start[] =
    L".,;:!?)]}\uff0c\u3002\u3001\uff1b\uff1a\uff01\uff1f\uff09\u300d\u300f\u201d\u2019"
    L"\u300b\u3011\u3009\u3015\uff3d\uff5d";
static const wchar_t no_line_end[] = L"([{\uff08\u300c\u300e\u201c\u2018\u300a\u3010\u3008\u3014"
				     L"\uff3b\uff5b";

/* Decodes the character at s (n bytes left, n > 0): returns its length in
 * bytes and the character in *wc (0 for an invalid byte, which counts as one
 * narrow character, as in textwidth.c). */
static size_t char_decode(const char *s, size_t n, wchar_t *wc)
{
	mbstate_t st;
	size_t len;

	if ((unsigned char)*s < 0x80) {
		*wc = (unsigned char)*s;
		return 1;
	}
	memset(&st, 0, sizeof st);
	len = mbrtowc(wc, s, n, &st);
	if (len == (size_t)-1 || len == (size_t)-2 || len == 0) {
		*wc = 0;
		return 1;
	}
	return len;
}

static bool is_wide(wchar_t wc)
{
	return wc && wcwidth(wc) == 2;
}

/* True when a line may end between a and b (neither of them a space):
 * next to a double-width character, Chinese and Japanese text breaks
 * anywhere, unless that would start a line with closing punctuation or end
 * one with opening punctuation. */
static bool may_break_between(wchar_t a, wchar_t b)
{
	if (!is_wide(a) && !is_wide(b))
		return false;
	if (b && wcschr(no_line_start, b))
		return false;
	if (a && wcschr(no_line_end, a))
		return false;
	return true;
}

const char *tw_wrap(const char *s, size_t width, size_t *len)
{
	size_t nl = strcspn(s, "\n"), fit, brk = 0, next = 0, i = 0;
	wchar_t prev = 0;
	char *line;

	if (width == 0)
		width = 1;
	/* Measure only up to the newline. */
	line = xstrndup(s, nl);
	fit = tw_fit(line, width, NULL);
	if (fit == nl) {
		free(line);
		*len = nl;
		return s[nl] == '\n' ? s + nl + 1 : s + nl;
	}
	/* The last break that keeps the line within width: at a run of spaces
	 * (which may overhang, as they are dropped), or between characters next
	 * to a wide one.  i is the byte offset of the character looked at. */
	while (i < nl && i <= fit) {
		wchar_t wc;
		size_t clen = char_decode(line + i, nl - i, &wc);
		if (wc == ' ') {
			size_t run = i, after = i;
			wchar_t first = 0;
			while (after < nl && line[after] == ' ')
				after++;
			if (after < nl)
				char_decode(line + after, nl - after, &first);
			/* Not at the start (indentation), and not before a
			 * closing mark. */
			if (run > 0 && !(first && wcschr(no_line_start, first))) {
				brk = run;
				next = after;
			}
			prev = ' ';
			i = after;
			continue;
		}
		if (i > 0 && prev != ' ' && may_break_between(prev, wc)) {
			brk = i;
			next = i;
		}
		prev = wc;
		i += clen;
	}
	free(line);
	if (brk > 0) {
		*len = brk;
		return s + next;
	}
	/* A word wider than the line: cut it where it must. */
	if (fit == 0)
		fit = tw_char_len(s);
	*len = fit;
	return s + fit;
}

/* ---- text from outside on a terminal ---------------------------------------- */

/* Decodes one UTF-8 character strictly (no overlong forms, no surrogates).
 * Returns its length, or 0 for a byte that does not start one. */
static size_t utf8_decode(const unsigned char *s, unsigned long *cp)
{
	size_t n = s[0] < 0x80 ? 1 : s[0] >= 0xc2 && s[0] <= 0xdf ? 2
				 : s[0] >= 0xe0 && s[0] <= 0xef ? 3
				 : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4
								: 0;
	unsigned long c;

	if (n == 0)
		return 0;
	c = n == 1 ? s[0] : n == 2 ? s[0] & 0x1fu : n == 3 ? s[0] & 0x0fu : s[0] & 0x07u;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3fu);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* Characters a terminal acts upon or that reorder what follows: C0 and C1
 * controls and DEL (escape sequences, CR, LF, TAB), the line and paragraph
 * separators, and the bidirectional marks, embeddings, overrides and
 * isolates (they can make "evil" read as "live"). */
static bool unsafe_char(unsigned long cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c || cp == 0x200e ||
	       cp == 0x200f || (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

bool tw_is_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (p && *p) {
		unsigned long cp;
		size_t n;

		if (*p >= 0x20 && *p < 0x7f) {
			p++;
			continue;
		}
		n = utf8_decode(p, &cp);
		if (n == 0 || unsafe_char(cp))
			return false;
		p += n;
	}
	return true;
}

char *tw_neutralize(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)p), o = 0;
	/* Each input byte becomes at most six bytes ("\u001B", "\xFF"). */
	char *out = xmalloc(6 * len + 1);

	while (*p) {
		unsigned long cp;
		size_t n = utf8_decode(p, &cp);

		if (n == 0) {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 15];
			p++;
		} else if (unsafe_char(cp)) {
			out[o++] = '\\';
			out[o++] = 'u';
			for (int shift = 12; shift >= 0; shift -= 4)
				out[o++] = hex[(cp >> shift) & 15];
			p += n;
		} else {
			memcpy(out + o, p, n);
			o += n;
			p += n;
		}
	}
	out[o] = '\0';
	return out;
}
