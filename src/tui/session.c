/* session.c: the plan being edited and everything that keeps it safe.
 *
 * Opening, saving (F2, Save as), the unsaved-changes question, the
 * autosave written after every change and offered back on the next start,
 * and the language setting.  The questions are dialogs whose callbacks
 * carry the step that follows ("then quit", "then open"). */
#include "app.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ucplan/fileio.h"
#include "ucplan/i18n.h"
#include "ucplan/planfile.h"
#include "ucplan/util.h"

/* What to do once the unsaved changes are dealt with. */
enum after { AFTER_NOTHING, AFTER_QUIT, AFTER_OPEN };

static void open_prompt(struct app *app);

/* ---- the plan ------------------------------------------------------------ */

static void screens_rebuild(struct app *app)
{
	static struct view *(*const makers[SCREEN_COUNT])(void) = {
	    [SCREEN_INTERVIEW] = interview_new,
	    [SCREEN_NAMES] = names_new,
	    [SCREEN_REPORTS] = reports_new,
	};

	for (int i = SCREEN_INTERVIEW; i < SCREEN_COUNT; i++) {
		if (app->screens[i])
			app->screens[i]->ops->destroy(app->screens[i]);
		app->screens[i] = makers[i]();
	}
}

void app_set_plan(struct app *app, struct plan *plan, const char *path, bool clean)
{
	char *copy = path ? xstrdup(path) : NULL;

	wizard_free(app->wizard);
	plan_free(app->plan);
	plan_free(app->saved);
	report_view_free(app->view);
	app->view = NULL;
	report_free(app->report);
	app->report = NULL;
	free(app->path);
	app->plan = plan;
	app->saved = clean ? plan_clone(plan) : NULL;
	app->path = copy;
	app->wizard = wizard_new(plan);
	if (plan->lang && i18n_language_known(plan->lang))
		i18n_set_language(plan->lang);
	app->plan_gen++;
	/* Cursors and filters belonged to the old plan. */
	screens_rebuild(app);
	term_repaint();
}

bool app_dirty(const struct app *app)
{
	if (!app->plan)
		return false;
	return !app->saved || !plan_equal(app->plan, app->saved);
}

/* The file beside the autosave that remembers where the plan came from. */
static char *autosave_origin_path(void)
{
	return uc_state_path("autosave.path");
}

static void autosave_remove(struct app *app)
{
	char *origin = autosave_origin_path();

	if (app->autosave_path)
		unlink(app->autosave_path);
	if (origin)
		unlink(origin);
	free(origin);
}

void app_autosave(struct app *app)
{
	struct uc_error err = {0};
	struct atomic_file af;
	char *origin;

	if (!app->plan || !app->autosave_path)
		return;
	if (!app_dirty(app)) {
		/* Back to what is on disk: nothing to recover. */
		autosave_remove(app);
		return;
	}
	/* The origin first: interrupted between the two, the next start finds
	 * no plan to offer rather than a plan without its file name. */
	origin = autosave_origin_path();
	if (origin && atomic_file_open(&af, origin, NULL) == UC_OK) {
		fputs(app->path ? app->path : "", af.fp);
		atomic_file_commit(&af, NULL);
	}
	free(origin);
	if (planfile_save(app->plan, app->autosave_path, &err) != UC_OK) {
		char msg[1600];
		uc_error_format(&err, msg, sizeof msg);
		app_message(app, ST_WARNING, _("Autosave failed: %s"), msg);
	}
}

void app_changed(struct app *app)
{
	app->plan_gen++;
	app_autosave(app);
}

const struct report *app_report(struct app *app)
{
	if (!app->plan)
		return NULL;
	if (!app->catalog) {
		struct uc_error err = {0};
		if (app->catalog_error[0])
			return NULL;
		if (catalog_load_default(&app->catalog, &err) != UC_OK) {
			uc_error_format(&err, app->catalog_error, sizeof app->catalog_error);
			app->catalog = NULL;
			return NULL;
		}
	}
	if (!app->report || app->report_gen != app->plan_gen) {
		report_free(app->report);
		app->report = report_build(app->plan, app->catalog);
		app->report_gen = app->plan_gen;
	}
	return app->report;
}

const struct report_view *app_view(struct app *app)
{
	const struct report *r = app_report(app);

	if (!r)
		return NULL;
	if (!app->view || app->view_gen != app->report_gen ||
	    strcmp(app->view->lang, i18n_language()) != 0) {
		report_view_free(app->view);
		app->view = report_view_build(r);
		app->view_gen = app->report_gen;
		app->view_serial++;
	}
	return app->view;
}

const struct findings *app_findings(struct app *app)
{
	if (app->plan && app->findings_gen != app->plan_gen) {
		findings_free(&app->findings);
		plan_validate(app->plan, &app->findings);
		app->findings_gen = app->plan_gen;
	}
	return &app->findings;
}

/* "~/x" is what people type; the shell is not there to expand it. */
static char *expand_path(const char *path)
{
	const char *home = getenv("HOME");

	while (*path == ' ')
		path++;
	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0') && !str_empty(home))
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
}

char *app_plan_slug(const struct app *app)
{
	const char *name = app->plan && !str_empty(app->plan->name) ? app->plan->name : "plan";
	char *slug = xmalloc(strlen(name) + 5), *p = slug;

	for (const unsigned char *s = (const unsigned char *)name; *s; s++) {
		unsigned char c = *s;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		/* Letters of other scripts stay; separators become one dash. */
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80 ||
		    (c == '.' && p > slug))
			*p++ = (char)c;
		else if (p > slug && p[-1] != '-')
			*p++ = '-';
	}
	while (p > slug && p[-1] == '-')
		p--;
	*p = '\0';
	if (!*slug)
		strcpy(slug, "plan");
	return slug;
}

/* ---- saving ---------------------------------------------------------------- */

static void after_action(struct app *app, long after)
{
	if (after == AFTER_QUIT)
		app->quit = true;
	else if (after == AFTER_OPEN)
		open_prompt(app);
}

static bool save_to(struct app *app, const char *path)
{
	struct uc_error err = {0};

	if (planfile_save(app->plan, path, &err) != UC_OK) {
		char msg[1600];
		uc_error_format(&err, msg, sizeof msg);
		dialog_message(app, _("The plan was not saved"), msg, ST_ERROR);
		return false;
	}
	if (app->path != path) {
		free(app->path);
		app->path = xstrdup(path);
	}
	plan_free(app->saved);
	app->saved = plan_clone(app->plan);
	autosave_remove(app);
	app_message(app, ST_OK, _("Saved %s"), path);
	return true;
}

static void overwrite_done(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	char *path = arg.ptr;

	(void)text;
	if (choice == 0 && save_to(app, path))
		after_action(app, arg.a);
	free(path);
}

static void save_as_done(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	struct stat st;
	char *path;

	if (choice < 0 || str_empty(text))
		return;
	path = expand_path(text);
	if (stat(path, &st) == 0 && !str_eq(path, app->path)) {
		const char *buttons[] = {_("Overwrite"), _("Cancel")};
		char *msg = xasprintf(_("%s already exists. Replace it with this plan?"), path);
		dialog_confirm(app, _("Save as"), msg, buttons, "oc", 2, 1, overwrite_done,
			       (struct dlg_arg){path, arg.a, 0});
		free(msg);
		return;
	}
	if (save_to(app, path))
		after_action(app, arg.a);
	free(path);
}

static void save_as_prompt(struct app *app, long after)
{
	char *slug, *initial;

	if (app->path) {
		initial = xstrdup(app->path);
	} else {
		slug = app_plan_slug(app);
		initial = xasprintf("./%s.xml", slug);
		free(slug);
	}
	dialog_prompt(app, _("Save as"), _("Save the plan to this file:"), initial, save_as_done,
		      (struct dlg_arg){NULL, after, 0});
	free(initial);
}

void app_save(struct app *app, bool ask_path)
{
	if (ask_path || !app->path)
		save_as_prompt(app, AFTER_NOTHING);
	else
		save_to(app, app->path);
}

/* ---- unsaved changes -------------------------------------------------------- */

static void unsaved_done(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	(void)text;
	app->quit_asking = false;
	if (choice == 0) {
		if (!app->path)
			save_as_prompt(app, arg.a);
		else if (save_to(app, app->path))
			after_action(app, arg.a);
	} else if (choice == 1) {
		/* An explicit discard: nothing to offer back next time. */
		autosave_remove(app);
		if (app->saved) {
			plan_free(app->plan);
			app->plan = plan_clone(app->saved);
			wizard_free(app->wizard);
			app->wizard = wizard_new(app->plan);
			app->plan_gen++;
			screens_rebuild(app);
		}
		after_action(app, arg.a);
	}
}

static void ask_unsaved(struct app *app, long after)
{
	const char *buttons[] = {_("Save"), _("Discard"), _("Cancel")};
	const char *text = after == AFTER_QUIT
			       ? _("The plan has unsaved changes. Save them before quitting?")
			       : _("The plan has unsaved changes. Save them before opening "
				   "another plan?");

	app->quit_asking = after == AFTER_QUIT;
	dialog_confirm(app, _("Unsaved changes"), text, buttons, "sdc", 3, 0, unsaved_done,
		       (struct dlg_arg){NULL, after, 0});
}

void app_request_quit(struct app *app)
{
	if (app->quit_asking)
		return;
	if (!app_dirty(app)) {
		app->quit = true;
		return;
	}
	ask_unsaved(app, AFTER_QUIT);
}

/* ---- opening ----------------------------------------------------------------- */

bool app_open_path(struct app *app, const char *path)
{
	struct uc_error err = {0};
	struct plan *plan = NULL;
	char *full = expand_path(path);

	if (planfile_load(full, &plan, &err) != UC_OK) {
		char msg[1600];
		uc_error_format(&err, msg, sizeof msg);
		dialog_message(app, _("Cannot open the plan"), msg, ST_ERROR);
		free(full);
		return false;
	}
	app_set_plan(app, plan, full, true);
	app_show_screen(app, SCREEN_INTERVIEW);
	app_message(app, ST_OK, _("Opened %s"), full);
	free(full);
	return true;
}

static void open_done(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	(void)arg;
	if (choice < 0 || str_empty(text))
		return;
	app_open_path(app, text);
}

static void open_prompt(struct app *app)
{
	dialog_prompt(app, _("Open plan"), _("Path of the plan file to open:"), "", open_done,
		      (struct dlg_arg){0});
}

void app_request_open(struct app *app)
{
	if (app_dirty(app))
		ask_unsaved(app, AFTER_OPEN);
	else
		open_prompt(app);
}

/* ---- autosave recovery -------------------------------------------------------- */

/* The original path recorded next to the autosave, or NULL. */
static char *autosave_origin(void)
{
	char *path = autosave_origin_path(), *data = NULL;
	size_t size;

	if (!path || file_read_all(path, 8192, &data, &size, NULL) != UC_OK || str_empty(data)) {
		free(data);
		data = NULL;
	}
	free(path);
	return data;
}

static void restore_done(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	struct uc_error err = {0};
	struct plan *plan = NULL;
	char *origin;

	(void)arg;
	(void)text;
	if (choice == 1) {
		autosave_remove(app);
		app_message(app, ST_OK, "%s", _("The autosaved plan was discarded."));
		return;
	}
	if (choice != 0)
		return; /* Esc: keep it for the next start */
	if (planfile_load(app->autosave_path, &plan, &err) != UC_OK) {
		char msg[1600];
		uc_error_format(&err, msg, sizeof msg);
		dialog_message(app, _("Cannot restore the plan"), msg, ST_ERROR);
		return;
	}
	origin = autosave_origin();
	app_set_plan(app, plan, origin, false);
	free(origin);
	app_show_screen(app, SCREEN_INTERVIEW);
	app_message(app, ST_OK, "%s", _("Restored the autosaved plan; press F2 to save it."));
}

void app_offer_restore(struct app *app)
{
	const char *buttons[] = {_("Restore"), _("Discard")};
	struct uc_error err = {0};
	struct plan *plan = NULL;
	char when[64] = "", *origin, *msg;
	struct stat st;

	if (!app->autosave_path || stat(app->autosave_path, &st) != 0)
		return;
	if (planfile_load(app->autosave_path, &plan, &err) != UC_OK) {
		char detail[1600], *bad = xasprintf("%s.bad", app->autosave_path);
		uc_error_format(&err, detail, sizeof detail);
		/* Set it aside so that the question does not come back. */
		rename(app->autosave_path, bad);
		msg = xasprintf(_("An autosaved plan was found but cannot be read (%s). It was "
				  "kept as %s."),
				detail, bad);
		dialog_message(app, _("Autosave"), msg, ST_ERROR);
		free(msg);
		free(bad);
		return;
	}
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", localtime(&st.st_mtime));
	origin = autosave_origin();
	msg = xasprintf(_("A plan was being edited when ucplan last stopped: \"%s\" (%s), "
			  "autosaved %s. Restore it?"),
			str_empty(plan->name) ? _("(unnamed plan)") : plan->name,
			origin ? origin : _("never saved"), when);
	dialog_confirm(app, _("Restore autosaved plan"), msg, buttons, "rd", 2, 0, restore_done,
		       (struct dlg_arg){0});
	free(msg);
	free(origin);
	plan_free(plan);
}

/* ---- language ------------------------------------------------------------------- */

static void language_done(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	const char *lang;

	(void)arg;
	(void)text;
	if (choice < 0)
		return;
	lang = i18n_languages[choice];
	i18n_set_language(lang);
	if (app->plan && !str_eq(app->plan->lang, lang)) {
		/* Remembered in the plan, so that it opens in this language. */
		free(app->plan->lang);
		app->plan->lang = xstrdup(lang);
		app_changed(app);
	}
	/* The report's cells were translated when built. */
	app->plan_gen++;
	term_repaint();
}

void app_choose_language(struct app *app)
{
	/* Each language named in itself, so that anyone can find their own. */
	static const char *const names[] = {"English", "Español", "Italiano", "简体中文"};
	int current = 0;

	for (int i = 0; i < 4 && i18n_languages[i]; i++)
		if (str_eq(i18n_languages[i], i18n_language()))
			current = i;
	dialog_menu(app, _("Language"), names, 4, current, language_done, (struct dlg_arg){0});
}

void app_session_free(struct app *app)
{
	wizard_free(app->wizard);
	plan_free(app->plan);
	plan_free(app->saved);
	free(app->path);
	report_view_free(app->view);
	report_free(app->report);
	catalog_free(app->catalog);
	findings_free(&app->findings);
	free(app->autosave_path);
	memset(app, 0, sizeof *app);
}
