/* i18n.c: choosing the message language.
 *
 * Machines often lack the es_ES, it_IT or zh_CN locales.  Character
 * handling then falls back to C.UTF-8, and the catalog is still selected
 * through LANGUAGE, which glibc honours for any locale but plain C. */
/* fopencookie(), for output in a locale's own character set */
#define _GNU_SOURCE
#include "ucplan/i18n.h"

#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <unistd.h>

#include "ucplan/fileio.h"
#include "ucplan/util.h"

#include "paths.h"

const char *const i18n_languages[] = {"en", "es", "it", "zh_CN", NULL};

static const char *current = "en";
static bool english = true;
/* Whether the user named the language (--lang, the environment, the
 * planner's setting); a plan's saved language applies only when not. */
static bool user_chose;
/* The character set of the user's locale when it is not UTF-8 ("GB18030",
 * "ISO-8859-1"): text is handled as UTF-8 inside and converted to it on
 * the way out.  Empty when the output is UTF-8. */
static char out_codeset[40];
/* The locale's own set, kept when out_codeset becomes ASCII. */
static char locale_codeset[40];
/* A language asked for that out_codeset cannot show; English instead. */
static const char *fallback_from;

/* Characters each language cannot do without, to test a character set. */
static const char *language_sample(const char *lang)
{
	if (strcmp(lang, "es") == 0)
		return "áéíóúüñ¿¡ÁÉÍÓÚÑ";
	if (strcmp(lang, "it") == 0)
		return "àèéìòùÀÈÉÌÒÙ";
	if (strcmp(lang, "zh_CN") == 0)
		return "简体中文规划站点防火墙端口服务器";
	return "";
}

/* Whether every character of utf8 exists in codeset. */
static bool codeset_can_show(const char *codeset, const char *utf8)
{
	char out[256], *in = (char *)utf8, *o = out;
	size_t in_left = strlen(utf8), out_left = sizeof out;
	iconv_t cd = iconv_open(codeset, "UTF-8");
	bool ok;

	if (cd == (iconv_t)-1)
		return false;
	ok = iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1 && in_left == 0;
	iconv_close(cd);
	return ok;
}
/* The LANGUAGE value this module set itself, so that a later i18n_init does
 * not take it for the user's preference. */
static char language_we_set[16];

/* C, POSIX and C.UTF-8 say nothing about the language. */
static bool locale_is_c(const char *name)
{
	return strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0 || strncmp(name, "C.", 2) == 0;
}

/* Maps a locale or language name (es_ES.UTF-8, it, zh_CN.utf8) to one of
 * i18n_languages, or NULL when it names none of them (C included). */
static const char *language_from_locale(const char *name)
{
	if (str_empty(name) || locale_is_c(name))
		return NULL;
	if (strncmp(name, "en", 2) == 0 && (name[2] == '\0' || name[2] == '_' || name[2] == '.'))
		return "en";
	if (strncmp(name, "es", 2) == 0 && (name[2] == '\0' || name[2] == '_' || name[2] == '.'))
		return "es";
	if (strncmp(name, "it", 2) == 0 && (name[2] == '\0' || name[2] == '_' || name[2] == '.'))
		return "it";
	if (strncmp(name, "zh_CN", 5) == 0 || strncmp(name, "zh_SG", 5) == 0 ||
	    strcmp(name, "zh") == 0 || strncmp(name, "zh.", 3) == 0 ||
	    strncmp(name, "zh_Hans", 7) == 0)
		return "zh_CN";
	return NULL;
}

bool i18n_language_known(const char *lang)
{
	for (size_t i = 0; i18n_languages[i]; i++)
		if (str_eq(lang, i18n_languages[i]))
			return true;
	return false;
}

/* The language the environment asks for, following GNU gettext's order:
 * LANGUAGE wins unless the locale variables say C; then LC_ALL,
 * LC_MESSAGES, LANG.  NULL when they name none of ours (C, fr_FR, unset). */
static const char *language_from_environment(void)
{
	const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	const char *locale_lang = NULL, *v;
	char first[64];

	for (size_t i = 0; i < 3 && !locale_lang; i++) {
		v = getenv(vars[i]);
		if (!str_empty(v))
			locale_lang = v;
	}
	v = getenv("LANGUAGE");
	if (v && strcmp(v, language_we_set) == 0)
		v = NULL;
	if (!str_empty(v) && !(locale_lang && (strcmp(locale_lang, "C") == 0 ||
					       strcmp(locale_lang, "POSIX") == 0))) {
		/* LANGUAGE is a colon-separated preference list. */
		const char *p = v;
		while (*p) {
			size_t n = strcspn(p, ":");
			if (n < sizeof first) {
				const char *l;
				memcpy(first, p, n);
				first[n] = '\0';
				l = language_from_locale(first);
				if (l)
					return l;
			}
			p += n;
			if (*p == ':')
				p++;
		}
	}
	return language_from_locale(locale_lang);
}

/* The compiled-in directory, or UCPLAN_LOCALEDIR.  Nothing is looked for
 * next to the binary: beside /usr/bin/ucplan, "locale" is glibc's program. */
const char *i18n_localedir(void)
{
	const char *env = getenv("UCPLAN_LOCALEDIR");

	return str_empty(env) ? UCPLAN_LOCALEDIR : env;
}

#ifdef __GLIBC__
/* glibc's counter of loaded catalogs: a change makes gettext() look up
 * again instead of answering from its cache.  Not part of any other libc. */
extern int _nl_msg_cat_cntr;
#endif

static bool set_language(const char *lang)
{
	if (!i18n_language_known(lang))
		return false;
	fallback_from = NULL;
	if (out_codeset[0] && !codeset_can_show(out_codeset, language_sample(lang))) {
		fallback_from = lang;
		lang = "en";
	}
	current = lang;
	english = strcmp(lang, "en") == 0;
	/* LANGUAGE overrides the locale for messages; "en" has no catalog, so
	 * the English msgids show. */
	setenv("LANGUAGE", lang, 1);
	snprintf(language_we_set, sizeof language_we_set, "%s", lang);
	/* Tell gettext that its cached translations are stale.  textdomain()
	 * does so too in GNU gettext; elsewhere it is what there is. */
#ifdef __GLIBC__
	++_nl_msg_cat_cntr;
#else
	textdomain(UCPLAN_DOMAIN);
#endif
	return true;
}

bool i18n_set_language(const char *lang)
{
	if (!set_language(lang))
		return false;
	user_chose = true;
	return true;
}

bool i18n_use_plan_language(const char *lang)
{
	if (user_chose || !i18n_language_known(lang))
		return false;
	return set_language(lang);
}

bool i18n_user_chose(void)
{
	return user_chose;
}

bool i18n_init(const char *lang)
{
	const char *chosen;
	bool ok = true;

	out_codeset[0] = locale_codeset[0] = '\0';
	if (!setlocale(LC_ALL, "")) {
		/* The requested locale is not installed: keep UTF-8 handling. */
		if (!setlocale(LC_ALL, "C.UTF-8"))
			setlocale(LC_ALL, "C");
	} else {
		const char *ctype = setlocale(LC_CTYPE, NULL);
		const char *codeset = nl_langinfo(CODESET);
		if (ctype && (strcmp(ctype, "C") == 0 || strcmp(ctype, "POSIX") == 0)) {
			setlocale(LC_ALL, "C.UTF-8");
		} else if (codeset && strcasecmp(codeset, "UTF-8") != 0 &&
			   strcasecmp(codeset, "utf8") != 0 && strlen(codeset) < sizeof out_codeset &&
			   setlocale(LC_CTYPE, "C.UTF-8")) {
			/* zh_CN.GB18030, es_ES.ISO-8859-1: every string inside is
			 * UTF-8 (widths, wrapping), the terminal gets its own
			 * character set from i18n_output_stream(). */
			snprintf(out_codeset, sizeof out_codeset, "%s", codeset);
			snprintf(locale_codeset, sizeof locale_codeset, "%s", codeset);
		}
	}
	/* Numbers in files stay in the C convention whatever the language. */
	setlocale(LC_NUMERIC, "C");
	bindtextdomain(UCPLAN_DOMAIN, i18n_localedir());
	bind_textdomain_codeset(UCPLAN_DOMAIN, "UTF-8");
	textdomain(UCPLAN_DOMAIN);

	chosen = lang && i18n_language_known(lang) ? lang : NULL;
	if (lang && !chosen)
		ok = false;
	if (!chosen)
		chosen = language_from_environment();
	user_chose = chosen != NULL;
	set_language(chosen ? chosen : "en");
	return ok;
}

const char *i18n_output_codeset(void)
{
	return locale_codeset[0] ? locale_codeset : NULL;
}

const char *i18n_fallback(void)
{
	return fallback_from;
}

void i18n_output_ascii(void)
{
	if (!out_codeset[0])
		return;
	snprintf(out_codeset, sizeof out_codeset, "ASCII");
	set_language(fallback_from ? fallback_from : current);
}

/* The conversion behind a stream of i18n_output_stream(). */
struct conv_stream {
	iconv_t cd;
	FILE *to;
	char pending[8]; /* the start of a character cut by a write */
	size_t n_pending;
};

/* Converts what it can of *in, writing to c->to; false on a write error. */
static bool conv_run(struct conv_stream *c, char **in, size_t *in_left, bool last)
{
	char out[4096];

	while (*in_left > 0) {
		char *o = out;
		size_t out_left = sizeof out;
		size_t r = iconv(c->cd, in, in_left, &o, &out_left);
		int e = errno;

		if (o > out && fwrite(out, 1, (size_t)(o - out), c->to) != (size_t)(o - out))
			return false;
		if (r != (size_t)-1 || e == E2BIG)
			continue;
		if (e == EINVAL && !last && *in_left < sizeof c->pending)
			break; /* a character cut in two: the rest comes next */
		/* not UTF-8, or a character the set lacks even transliterated:
		 * a "?" for the whole character */
		if (fputc('?', c->to) == EOF)
			return false;
		do {
			++*in;
			--*in_left;
		} while (*in_left > 0 && ((unsigned char)**in & 0xC0) == 0x80);
	}
	return true;
}

#ifdef __GLIBC__
/* The write and close functions of a stream from i18n_output_stream(). */
static ssize_t conv_write(void *cookie, const char *buf, size_t size)
{
	struct conv_stream *c = cookie;
	size_t done = 0, left;
	char *in;

	/* First the character a previous write cut in two, a byte at a time
	 * until it is whole (or found not to be UTF-8). */
	while (c->n_pending > 0 && c->n_pending < sizeof c->pending && done < size) {
		c->pending[c->n_pending++] = buf[done++];
		in = c->pending;
		left = c->n_pending;
		if (!conv_run(c, &in, &left, false))
			return -1;
		memmove(c->pending, in, left);
		c->n_pending = left;
	}
	in = (char *)buf + done;
	left = size - done;
	if (!conv_run(c, &in, &left, false))
		return -1;
	/* conv_run leaves at most the start of one character */
	memcpy(c->pending + c->n_pending, in, left);
	c->n_pending += left;
	/* The sink is flushed at once: at exit it may be flushed before us. */
	if (fflush(c->to) != 0)
		return -1;
	return (ssize_t)size;
}

static int conv_close(void *cookie)
{
	struct conv_stream *c = cookie;
	char *in = c->pending;
	size_t left = c->n_pending;
	int rc = conv_run(c, &in, &left, true) && fflush(c->to) == 0 ? 0 : EOF;

	iconv_close(c->cd);
	free(c);
	return rc;
}

#endif

FILE *i18n_output_stream(FILE *to)
{
#ifdef __GLIBC__
	cookie_io_functions_t io = {.write = conv_write, .close = conv_close};
	char target[64];
	struct conv_stream *c;
	FILE *f;

	if (!out_codeset[0])
		return to;
	/* Transliterated where the set lacks a character ("..." for an
	 * ellipsis, "?" otherwise). */
	snprintf(target, sizeof target, "%s//TRANSLIT", out_codeset);
	c = xcalloc(1, sizeof *c);
	c->cd = iconv_open(target, "UTF-8");
	c->to = to;
	if (c->cd == (iconv_t)-1) {
		free(c);
		return to;
	}
	f = fopencookie(c, "w", io);
	if (!f) {
		iconv_close(c->cd);
		free(c);
		return to;
	}
	setvbuf(f, NULL, isatty(fileno(to)) ? _IOLBF : _IOFBF, BUFSIZ);
	return f;
#else
	return to;
#endif
}

bool i18n_output_is_ascii(void)
{
	return locale_codeset[0] && strcmp(out_codeset, "ASCII") == 0;
}

char *i18n_ascii(const char *utf8)
{
	struct conv_stream c = {0};
	char *in = (char *)utf8, *buf = NULL;
	size_t left = strlen(utf8), size = 0;

	c.cd = iconv_open("ASCII//TRANSLIT", "UTF-8");
	c.to = c.cd == (iconv_t)-1 ? NULL : open_memstream(&buf, &size);
	if (c.to) {
		bool ok = conv_run(&c, &in, &left, true);
		iconv_close(c.cd);
		if (fclose(c.to) == 0 && ok && buf)
			return buf;
		free(buf);
	} else if (c.cd != (iconv_t)-1) {
		iconv_close(c.cd);
	}
	/* no converter: each byte beyond ASCII is a "?" */
	buf = xstrdup(utf8);
	for (char *p = buf; *p; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	return buf;
}

const char *i18n_language(void)
{
	return current;
}

const char *i18n_language_tag(void)
{
	return strcmp(current, "zh_CN") == 0 ? "zh-CN" : current;
}

char *i18n_gettext(const char *msgid)
{
	return english ? (char *)msgid : gettext(msgid);
}

char *i18n_ngettext(const char *singular, const char *plural, unsigned long n)
{
	/* English plural: one, or anything else */
	if (english)
		return (char *)(n == 1 ? singular : plural);
	return ngettext(singular, plural, n);
}

const char *i18n_pgettext(const char *msgctxt_id, const char *text)
{
	const char *t;

	if (english)
		return text;
	t = gettext(msgctxt_id);

	/* gettext hands back its argument when there is no translation */
	return t == msgctxt_id ? text : t;
}
