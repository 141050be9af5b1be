/* i18n.c: choosing the message language.
 *
 * Machines often lack the es_ES, it_IT or zh_CN locales.  Character
 * handling then falls back to C.UTF-8, and the catalog is still selected
 * through LANGUAGE, which glibc honours for any locale but plain C. */
#include "ucplan/i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
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

	chosen = lang && i18n_language_known(lang) ? lang : NULL;
	if (lang && !chosen)
		ok = false;
	if (!chosen)
		chosen = language_from_environment();
	user_chose = chosen != NULL;
	set_language(chosen ? chosen : "en");
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
