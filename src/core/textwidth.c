/* textwidth.c: display columns of UTF-8 text (wcwidth), the one place that
 * decodes characters for layout. */
#include "ucplan/textwidth.h"

#include <string.h>
#include <wchar.h>

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
