/* util.h: status codes, error detail, allocation wrappers, string helpers.
 *
 * Every fallible library function returns an enum uc_status and, when the
 * caller passes one, fills a struct uc_error with the file, the line and a
 * sentence that tells the user what to change.  Library code never prints. */
#ifndef UCPLAN_UTIL_H
#define UCPLAN_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* One table for every status: name, exit code, message.  The exit codes are
 * the command-line contract of DESIGN.md §3. */
#define UC_STATUS_TABLE(X)                                                                        \
	X(UC_OK, 0, N_("success"))                                                                \
	X(UC_ERR_INVALID, 1, N_("the plan is invalid"))                                           \
	X(UC_ERR_USAGE, 2, N_("usage error"))                                                     \
	X(UC_ERR_IO, 3, N_("input or output error"))                                              \
	X(UC_ERR_PARSE, 3, N_("the file is not well-formed XML"))                                 \
	X(UC_ERR_SCHEMA, 3, N_("the file does not follow its schema"))                            \
	X(UC_ERR_LIMIT, 3, N_("the file exceeds a size limit"))                                   \
	X(UC_ERR_TOOL, 4, N_("a program ucplan runs is missing or failed"))

enum uc_status {
#define UC_STATUS_ENUM(name, code, msg) name,
	UC_STATUS_TABLE(UC_STATUS_ENUM)
#undef UC_STATUS_ENUM
};

/* Detail for an error: where it happened and what to do.  line is 0 when
 * unknown; file is empty when no file is involved. */
struct uc_error {
	enum uc_status status;
	int line;
	char file[512];
	char message[1024];
};

/* Translated one-line description of a status.  Never NULL. */
const char *uc_status_message(enum uc_status status);

/* Process exit code for a status (0, 1, 2 or 3). */
int uc_status_exit_code(enum uc_status status);

/* Records status, file (may be NULL), line and a printf-style message in err
 * (may be NULL, then nothing is recorded).  Returns status, so that callers
 * can write `return uc_error_set(err, ...)`. */
enum uc_status uc_error_set(struct uc_error *err, enum uc_status status, const char *file,
			    int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* printf into a caller's message buffer; nothing when msg is NULL or size
 * is 0 (callers pass optional message buffers through). */
void uc_message(char *msg, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Formats err as "FILE:LINE: MESSAGE" (parts omitted when unknown) into buf. */
void uc_error_format(const struct uc_error *err, char *buf, size_t size);

/* Called before abort() on out-of-memory, so that a front end (the TUI) can
 * restore the terminal first.  NULL removes the hook. */
void uc_set_die_hook(void (*hook)(void));

/* Allocation wrappers: never return NULL; on exhaustion they run the die
 * hook, print a message and abort.  The caller frees the result with free(). */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
void *xreallocarray(void *ptr, size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a newly allocated string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same with a va_list (which it consumes); caller frees. */
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* A growable byte buffer, always NUL-terminated once anything was added. */
struct strbuf {
	char *data;
	size_t len;
	size_t cap;
};
void strbuf_add(struct strbuf *sb, const char *s, size_t n);
/* Makes room for extra more bytes (and the NUL) without adding any. */
void strbuf_reserve(struct strbuf *sb, size_t extra);
void strbuf_puts(struct strbuf *sb, const char *s);
void strbuf_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns the string (never NULL; "" when empty) and leaves sb empty.  Caller frees. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);

/* true when s is NULL or "". */
bool str_empty(const char *s);
bool str_eq(const char *a, const char *b);

#endif
