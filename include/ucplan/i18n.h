/* i18n.h: gettext macros and language selection. */
#ifndef UCPLAN_I18N_H
#define UCPLAN_I18N_H

#include <libintl.h>
#include <stdbool.h>
#include <stdio.h>

#define _(s) i18n_gettext(s)
#define N_(s) (s)
#define P_(singular, plural, n) i18n_ngettext(singular, plural, n)
/* A message with a context, for one English word used in two senses (the
 * Delete key and the Delete action): xgettext --keyword=C_:1c,2. */
#define C_(context, s) i18n_pgettext(context "\004" s, s)

/* gettext() and ngettext(), except that in English (the msgids, which have
 * no catalog) they answer without a lookup: a lookup that finds nothing
 * cost about 1,500 instructions, and a report makes thousands. */
char *i18n_gettext(const char *msgid) __attribute__((format_arg(1)));
char *i18n_ngettext(const char *singular, const char *plural, unsigned long n)
    __attribute__((format_arg(1), format_arg(2)));

/* The translation of a context-qualified msgid ("context\004text"), or
 * text when there is none.  Borrowed, static. */
const char *i18n_pgettext(const char *msgctxt_id, const char *text);

/* The text domain of every message. */
#define UCPLAN_DOMAIN "ucplan"

/* Languages the project ships, as --lang accepts them; "en" is the source. */
extern const char *const i18n_languages[];

/* Sets up the locale and the message catalog.  lang is the --lang value or
 * NULL to follow LC_ALL, LC_MESSAGES, LANG and LANGUAGE.  When the system has
 * no locale for the language, character handling falls back to C.UTF-8 and
 * the catalog is still chosen.  Returns false (and follows the environment)
 * when lang is not one of i18n_languages. */
bool i18n_init(const char *lang);

/* Switches the message language at run time: the user's choice (--lang,
 * the planner's setting).  False, and nothing changes, when lang is not
 * one of i18n_languages. */
bool i18n_set_language(const char *lang);

/* A plan's saved language, applied only when the user named none: no
 * --lang, no language of ours in the environment (LANG=C, unset) and none
 * chosen in the planner.  True when it was applied. */
bool i18n_use_plan_language(const char *lang);

/* True when the language in effect is the user's choice (see above). */
bool i18n_user_chose(void);

/* Locales whose character set is not UTF-8 (zh_CN.GB18030,
 * es_ES.ISO-8859-1).  i18n_init keeps every string UTF-8 inside (character
 * handling in C.UTF-8) and remembers the locale's set: output for people
 * (messages, help, text tables) goes through i18n_output_stream(); files
 * and the CSV, XML and JSON formats stay UTF-8.  A language the set cannot
 * show (Chinese in ISO-8859-1) is replaced by English, and
 * i18n_fallback() says which one it was, for a notice. */

/* The locale's character set when it is not UTF-8, or NULL.  Borrowed. */
const char *i18n_output_codeset(void);

/* The language asked for that the character set cannot show, or NULL.
 * Borrowed, static; cleared by the next language change. */
const char *i18n_fallback(void);

/* A stream that writes UTF-8 text to `to` in the locale's character set
 * (transliterated where it lacks a character, "?" at worst); `to` itself
 * when the set is UTF-8 (or outside glibc).  Closing it does not close
 * `to`.  Owned by the caller. */
FILE *i18n_output_stream(FILE *to);

/* For output that can only be ASCII (the planner on a non-UTF-8
 * terminal): the character set becomes ASCII, so that a language needing
 * more falls back to English (i18n_fallback()).  Nothing changes when the
 * locale is UTF-8. */
void i18n_output_ascii(void);

/* True after i18n_output_ascii() on a locale that is not UTF-8. */
bool i18n_output_is_ascii(void);

/* utf8 in ASCII, transliterated ("..." for an ellipsis, "e" for "é", "?"
 * at worst).  Newly allocated; the caller frees. */
char *i18n_ascii(const char *utf8);

/* The language in effect: "en", "es", "it" or "zh_CN".  Borrowed, static. */
const char *i18n_language(void);

/* The language as an xml:lang / BCP 47 tag ("en", "es", "it", "zh-CN"). */
const char *i18n_language_tag(void);

/* True when lang is one of i18n_languages. */
bool i18n_language_known(const char *lang);

/* Where the .mo files are looked for: UCPLAN_LOCALEDIR from the environment,
 * or the LOCALEDIR compiled in.  Borrowed. */
const char *i18n_localedir(void);

#endif
