/* i18n.c: choosing the message language.
 *
 * Machines often lack the es_ES, it_IT or zh_CN locales.  Character
 * handling then falls back to C.UTF-8, and the catalog is still selected
 * through LANGUAGE, which glibc honours for any locale but plain C. */
#include "ucplan/i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ucplan/fileio.h"
#include "ucplan/util.h"

#ifndef UCPLAN_LOCALEDIR
#define UCPLAN_LOCALEDIR "/usr/local/share/locale"
#endif

const char *const i18n_languages[] = {"en", "es", "it", "zh_CN", NULL};

static const char *current = "en";
static bool english = true;
/* The LANGUAGE value this module set itself, so that a later i18n_init does
 * not take it for the user's preference. */
static char language_we_set[16];

/* Maps a locale or language name (es_ES.UTF-8, it, zh_CN.utf8, C) to one of
 * i18n_languages, or NULL when it names none of them. */
static const char *language_from_locale(const char *name)
{
	if (str_empty(name))
		return NULL;
	if (strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0 || strncmp(name, "C.", 2) == 0 ||
	    strncmp(name, "en", 2) == 0)
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
 * LC_MESSAGES, LANG. */
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
	v = language_from_locale(locale_lang);
	return v ? v : "en";
}

static bool dir_exists(const char *path)
{
	return access(path, X_OK) == 0;
}

const char *i18n_localedir(void)
{
	static char path[PATH_MAX];
	const char *env = getenv("UCPLAN_LOCALEDIR");
	char exe[PATH_MAX];
	ssize_t n;

	if (!str_empty(env))
		return env;
	if (path[0])
		return path;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		char *slash;
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(path, sizeof path, "%.*s/locale", (int)(sizeof path - 8), exe);
			if (dir_exists(path))
				return path;
		}
	}
	snprintf(path, sizeof path, "%s", UCPLAN_LOCALEDIR);
	return path;
}

extern int _nl_msg_cat_cntr;

bool i18n_set_language(const char *lang)
{
	if (!i18n_language_known(lang))
		return false;
	current = lang;
	english = strcmp(lang, "en") == 0;
	/* LANGUAGE overrides the locale for messages; "en" has no catalog, so
	 * the English msgids show. */
	setenv("LANGUAGE", lang, 1);
	snprintf(language_we_set, sizeof language_we_set, "%s", lang);
	/* Tell gettext that its cached translations are stale. */
	++_nl_msg_cat_cntr;
	return true;
}

bool i18n_init(const char *lang)
{
	const char *chosen;
	bool ok = true;

	if (!setlocale(LC_ALL, "")) {
		/* The requested locale is not installed: keep UTF-8 handling. */
		if (!setlocale(LC_ALL, "C.UTF-8"))
			setlocale(LC_ALL, "C");
	} else {
		const char *ctype = setlocale(LC_CTYPE, NULL);
		if (ctype && (strcmp(ctype, "C") == 0 || strcmp(ctype, "POSIX") == 0))
			setlocale(LC_ALL, "C.UTF-8");
	}
	/* Numbers in files stay in the C convention whatever the language. */
	setlocale(LC_NUMERIC, "C");
	bindtextdomain(UCPLAN_DOMAIN, i18n_localedir());
	bind_textdomain_codeset(UCPLAN_DOMAIN, "UTF-8");
	textdomain(UCPLAN_DOMAIN);

	if (lang) {
		chosen = i18n_language_known(lang) ? lang : NULL;
		if (!chosen) {
			ok = false;
			chosen = language_from_environment();
		}
	} else {
		chosen = language_from_environment();
	}
	i18n_set_language(chosen);
	return ok;
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
