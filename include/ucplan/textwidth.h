/* textwidth.h: display width of UTF-8 text, measured in terminal columns.
 *
 * Layout never uses strlen: a Chinese character takes two columns, a
 * combining accent none.  Invalid bytes count as one column each. */
#ifndef UCPLAN_TEXTWIDTH_H
#define UCPLAN_TEXTWIDTH_H

#include <stdbool.h>
#include <stddef.h>

/* Columns that the UTF-8 string s takes on a terminal. */
size_t tw_width(const char *s);

/* Number of bytes of s that fit in cols columns without splitting a
 * character; *used (may be NULL) receives the columns those bytes take. */
size_t tw_fit(const char *s, size_t cols, size_t *used);

/* Writes into buf (of size bytes) s fitted to exactly cols columns: cut with
 * a trailing ellipsis ("…", or "~" when ascii is non-zero) when too wide,
 * padded with spaces otherwise (unless pad is zero).  Returns buf. */
char *tw_fit_pad(char *buf, size_t size, const char *s, size_t cols, int pad, int ascii);

/* Length in bytes of the UTF-8 character at s (1 for an invalid byte). */
size_t tw_char_len(const char *s);

/* The first line of s that fits width display columns: its length in bytes
 * in *len, and where the next line starts (spaces at the break dropped).
 * Breaks at spaces, next to double-width characters (never before closing
 * or after opening punctuation), at a newline, and inside a word only when
 * the word alone is wider than the line. */
const char *tw_wrap(const char *s, size_t width, size_t *len);

/* True when s (may be NULL) is valid UTF-8 without any character that
 * tw_neutralize() would rewrite. */
bool tw_is_clean(const char *s);

/* The one neutralizing function for text from outside (names, file names,
 * catalog texts) on its way to a terminal or a text export: a copy of s
 * (NULL is "") in which C0 and C1 controls, DEL, U+2028, U+2029 and the
 * bidirectional controls are written as visible escapes ("\u001B") and
 * bytes that are not UTF-8 as "\xFF", so that nothing in it can move the
 * cursor, start an escape sequence or reorder the line.  Newly allocated;
 * the caller frees. */
char *tw_neutralize(const char *s);

#endif
