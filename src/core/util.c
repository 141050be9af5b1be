/* util.c: status table, error detail, allocation wrappers, string buffer. */
#include "ucplan/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/i18n.h"

static const struct {
	const char *message;
	int exit_code;
} status_info[] = {
#define UC_STATUS_INFO(name, code, msg) {msg, code},
	UC_STATUS_TABLE(UC_STATUS_INFO)
#undef UC_STATUS_INFO
};

const char *uc_status_message(enum uc_status status)
{
	if ((size_t)status >= sizeof status_info / sizeof status_info[0])
		return _("unknown error");
	return _(status_info[status].message);
}

int uc_status_exit_code(enum uc_status status)
{
	if ((size_t)status >= sizeof status_info / sizeof status_info[0])
		return 3;
	return status_info[status].exit_code;
}

enum uc_status uc_error_set(struct uc_error *err, enum uc_status status, const char *file,
			    int line, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return status;
	err->status = status;
	err->line = line;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	return status;
}

void uc_message(char *msg, size_t size, const char *fmt, ...)
{
	va_list ap;

	if (!msg || size == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, size, fmt, ap);
	va_end(ap);
}

void uc_error_format(const struct uc_error *err, char *buf, size_t size)
{
	if (err->file[0] && err->line > 0)
		snprintf(buf, size, "%s:%d: %s", err->file, err->line, err->message);
	else if (err->file[0])
		snprintf(buf, size, "%s: %s", err->file, err->message);
	else
		snprintf(buf, size, "%s", err->message);
}

static void (*die_hook)(void);

void uc_set_die_hook(void (*hook)(void))
{
	die_hook = hook;
}

static void out_of_memory(void)
{
	if (die_hook)
		die_hook();
	fputs("ucplan: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xreallocarray(void *ptr, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		out_of_memory();
	return xrealloc(ptr, count * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	char probe[1], *s;
	va_list again;
	int n;

	/* a one-byte buffer rather than NULL: gcc's format-truncation check
	 * rejects a NULL buffer under the sanitizers */
	va_copy(again, ap);
	n = vsnprintf(probe, sizeof probe, fmt, ap);
	if (n < 0) {
		va_end(again);
		return xstrdup("");
	}
	s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, again);
	va_end(again);
	return s;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void strbuf_reserve(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;

	if (need <= sb->cap)
		return;
	if (sb->cap == 0)
		sb->cap = 64;
	while (sb->cap < need)
		sb->cap *= 2;
	sb->data = xrealloc(sb->data, sb->cap);
}

void strbuf_add(struct strbuf *sb, const char *s, size_t n)
{
	strbuf_reserve(sb, n);
	memcpy(sb->data + sb->len, s, n);
	sb->len += n;
	sb->data[sb->len] = '\0';
}

void strbuf_puts(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	size_t room = sb->cap > sb->len ? sb->cap - sb->len : 0;
	int n;

	/* Formatted in place when it fits: one pass instead of measuring
	 * first (renderers call this for every row of a large report). */
	va_start(ap, fmt);
	n = vsnprintf(room ? sb->data + sb->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n <= 0) {
		if (sb->data)
			sb->data[sb->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		strbuf_reserve(sb, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	sb->len += (size_t)n;
}

char *strbuf_detach(struct strbuf *sb)
{
	char *s = sb->data ? sb->data : xstrdup("");

	sb->data = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void strbuf_free(struct strbuf *sb)
{
	free(sb->data);
	sb->data = NULL;
	sb->len = sb->cap = 0;
}

bool str_empty(const char *s)
{
	return !s || !*s;
}

bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}
