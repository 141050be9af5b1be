/* session.c: the plan being edited and everything that keeps it safe.
 *
 * Opening, saving (F2, Save as), the unsaved-changes question, the
 * autosave written after every change and offered back on the next start,
 * and the language setting.  The questions are dialogs whose callbacks
 * carry the step that follows ("then quit", "then open"). */
#include "app.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ucplan/fileio.h"
#include "ucplan/i18n.h"
#include "ucplan/planfile.h"
#include "ucplan/textwidth.h"
#include "ucplan/util.h"

/* What to do once the unsaved changes are dealt with. */
enum after { AFTER_NOTHING, AFTER_QUIT, AFTER_OPEN };

static void open_prompt(struct app *app);
static void autosave_claim(struct app *app);

/* ---- the plan ------------------------------------------------------------ */

static void screens_rebuild(struct app *app)
{
	static struct view *(*const makers[SCREEN_COUNT])(void) = {
	    [SCREEN_INTERVIEW] = interview_new,
	    [SCREEN_NAMES] = names_new,
	    [SCREEN_REPORTS] = reports_new,
	    [SCREEN_TOPOLOGY] = topology_new,
	};

	for (int i = SCREEN_INTERVIEW; i < SCREEN_COUNT; i++) {
		if (app->screens[i])
			app->screens[i]->ops->destroy(app->screens[i]);
		app->screens[i] = makers[i]();
	}
}

void app_set_plan(struct app *app, struct plan *plan, const char *path, bool clean)
{
	/* Absolute: F2 must write where the plan came from, whatever the
	 * current directory of a later session that restores it. */
	char *copy = path ? uc_absolute_path(path) : NULL;

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
	dirty_forget(&app->dirty);
	app->path = copy;
	file_stamp_get(app->path, &app->disk);
	autosave_claim(app);
	app->wizard = wizard_new(plan);
	/* The language it was last used in, unless the user named one. */
	i18n_use_plan_language(plan->lang);
	app->plan_gen++;
	/* Cursors and filters belonged to the old plan. */
	screens_rebuild(app);
	term_repaint();
}

bool app_dirty(struct app *app)
{
	return dirty_check(&app->dirty, app->plan, app->saved, app->plan_gen);
}

/* ---- autosave -------------------------------------------------------------
 *
 * Each plan has its own autosave in the state directory, named after a
 * hash of the plan's absolute path ("new" for a plan never saved):
 * autosave-KEY.xml, autosave-KEY.path (where the plan came from) and
 * autosave-KEY.lock, locked (flock) while a planner works on that plan.  A
 * second planner on the same plan finds the lock taken and uses KEY-PID,
 * so that neither replaces nor removes the other's recovery data.  The
 * files are private (0600 in a 0700 directory): they hold whole plans. */

static char *autosave_file(const struct app *app, const char *key, const char *ext)
{
	return xasprintf("%s/autosave-%s.%s", app->state_dir, key, ext);
}

/* Takes the lock of key without waiting: the open descriptor, or -1. */
static int autosave_lock(const struct app *app, const char *key)
{
	char *path = autosave_file(app, key, "lock");
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);

	free(path);
	if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Gives up the current key (its data files stay: they may be all that is
 * left of unsaved work). */
static void autosave_release(struct app *app)
{
	if (app->autosave_lock >= 0) {
		char *path = autosave_file(app, app->autosave_key, "lock");
		/* Removed while still locked: whoever opens it later makes a
		 * new one, and no two planners can hold the same key. */
		unlink(path);
		free(path);
		close(app->autosave_lock);
		app->autosave_lock = -1;
	}
	free(app->autosave_key);
	free(app->autosave_path);
	app->autosave_key = app->autosave_path = NULL;
}

static void autosave_claim(struct app *app)
{
	char base[32];
	uint64_t h = 14695981039346656037u;

	autosave_release(app);
	if (!app->state_dir)
		return;
	for (const unsigned char *p = (const unsigned char *)(app->path ? app->path : ""); *p; p++)
		h = (h ^ *p) * 1099511628211u;
	if (app->path)
		snprintf(base, sizeof base, "%016llx", (unsigned long long)h);
	else
		snprintf(base, sizeof base, "new");
	app->autosave_lock = autosave_lock(app, base);
	if (app->autosave_lock >= 0) {
		app->autosave_key = xstrdup(base);
	} else {
		app->autosave_key = xasprintf("%s-%ld", base, (long)getpid());
		app->autosave_lock = autosave_lock(app, app->autosave_key);
	}
	app->autosave_path = autosave_file(app, app->autosave_key, "xml");
}

static void autosave_unlink(const struct app *app, const char *key)
{
	char *xml = autosave_file(app, key, "xml"), *origin = autosave_file(app, key, "path");

	unlink(xml);
	unlink(origin);
	free(xml);
	free(origin);
}

static void autosave_remove(struct app *app)
{
	if (app->autosave_key)
		autosave_unlink(app, app->autosave_key);
}

/* Writes data to path atomically, readable by its owner only. */
static enum uc_status write_private(const char *path, const char *data, size_t size,
				    struct uc_error *err)
{
	struct atomic_file af;
	enum uc_status s = atomic_file_open(&af, path, err);

	if (s != UC_OK)
		return s;
	if (fchmod(af.fd, 0600) != 0 || fwrite(data, 1, size, af.fp) != size) {
		int e = errno;
		atomic_file_abort(&af);
		return uc_error_set(err, UC_ERR_IO, path, 0, _("writing failed: %s"), strerror(e));
	}
	return atomic_file_commit(&af, err);
}

void app_autosave_init(struct app *app)
{
	struct uc_error err = {0};
	char msg[1600];

	app->autosave_lock = -1;
	if (uc_state_dir(&app->state_dir, &err) != UC_OK) {
		uc_error_format(&err, msg, sizeof msg);
		app->autosave_error = xstrdup(msg);
		app_message(app, ST_WARNING, _("Autosave is off: %s"), app->autosave_error);
		return;
	}
	autosave_claim(app);
}

void app_autosave(struct app *app)
{
	struct uc_error err = {0};
	const char *origin;
	char *origin_path, *data;
	size_t size;
	enum uc_status s;

	if (!app->plan)
		return;
	if (!app->autosave_path) {
		if (app->autosave_error && app_dirty(app))
			app_message(app, ST_WARNING, _("Autosave is off: %s"), app->autosave_error);
		return;
	}
	if (!app_dirty(app)) {
		/* Back to what is on disk: nothing to recover. */
		autosave_remove(app);
		return;
	}
	/* The origin first: interrupted between the two, the next start finds
	 * no plan to offer rather than a plan without its file name. */
	origin = app->path ? app->path : "";
	origin_path = autosave_file(app, app->autosave_key, "path");
	s = write_private(origin_path, origin, strlen(origin), &err);
	free(origin_path);
	if (s == UC_OK)
		s = planfile_serialize(app->plan, &data, &size, &err);
	if (s == UC_OK) {
		s = write_private(app->autosave_path, data, size, &err);
		free(data);
	}
	if (s != UC_OK) {
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
	return app_slug(app->plan && !str_empty(app->plan->name) ? app->plan->name : "plan");
}

char *app_slug(const char *name)
{
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

static void save_as_prompt(struct app *app, long after);

static bool save_to(struct app *app, const char *path)
{
	struct uc_error err = {0};

	if (planfile_save(app->plan, path, &err) != UC_OK) {
		char msg[1600];
		uc_error_format(&err, msg, sizeof msg);
		dialog_message(app, _("The plan was not saved"), msg, ST_ERROR);
		return false;
	}
	plan_free(app->saved);
	app->saved = plan_clone(app->plan);
	dirty_forget(&app->dirty);
	/* The recovery data of the old name goes; a new name has its own. */
	autosave_remove(app);
	if (!str_eq(app->path, path)) {
		free(app->path);
		app->path = uc_absolute_path(path);
		autosave_claim(app);
	}
	file_stamp_get(app->path, &app->disk);
	app_message(app, ST_OK, _("Saved %s"), app->path);
	return true;
}

static void conflict_done(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	(void)text;
	if (choice == 0) {
		if (app->path && save_to(app, app->path))
			after_action(app, arg.a);
	} else if (choice == 1) {
		save_as_prompt(app, arg.a);
	} else if (choice == 2 && app->path) {
		char *path = xstrdup(app->path);
		/* An explicit choice to take the file's version instead. */
		autosave_remove(app);
		app_open_path(app, path);
		free(path);
	}
}

/* F2 to the file the plan came from: when another program (or another
 * planner) changed that file since, saving would silently erase its
 * change, so ask first. */
static bool save_checked(struct app *app, long after)
{
	struct file_stamp now;
	const char *buttons[] = {_("Overwrite"), _("Save as"), _("Reload"), _("Cancel")};
	char *msg;

	file_stamp_get(app->path, &now);
	if (file_stamp_equal(&now, &app->disk) || !now.exists)
		return save_to(app, app->path);
	msg = xasprintf(_("%s was changed on disk after this planner opened or saved it (by "
			  "another program, or another ucplan). Overwrite it with this plan, save "
			  "this plan under another name, or reload the file and lose the changes "
			  "made here?"),
			app->path);
	dialog_confirm(app, _("The file changed"), msg, buttons, "osrc", 4, 3, conflict_done,
		       (struct dlg_arg){NULL, after, 0});
	free(msg);
	return false;
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
	if (str_eq(path, app->path)) {
		if (save_checked(app, arg.a))
			after_action(app, arg.a);
		free(path);
		return;
	}
	if (stat(path, &st) == 0) {
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
		save_checked(app, AFTER_NOTHING);
}

/* ---- unsaved changes -------------------------------------------------------- */

static void unsaved_done(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	(void)text;
	app->quit_asking = false;
	if (choice == 0) {
		if (!app->path)
			save_as_prompt(app, arg.a);
		else if (save_checked(app, arg.a))
			after_action(app, arg.a);
	} else if (choice == 1) {
		/* An explicit discard: nothing to offer back next time. */
		autosave_remove(app);
		if (app->saved) {
			plan_free(app->plan);
			app->plan = plan_clone(app->saved);
			dirty_forget(&app->dirty);
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
	/* What the user must know about this plan's safety comes first. */
	if (app->autosave_error)
		app_message(app, ST_WARNING, _("Autosave is off: %s"), app->autosave_error);
	else if (app->autosave_key && strchr(app->autosave_key, '-'))
		app_message(app, ST_WARNING, "%s",
			    _("This plan is open in another ucplan too: each keeps its own "
			      "autosave, and saving asks before replacing changes made there."));
	else
		app_message(app, ST_OK, _("Opened %s"), app->path);
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

/* The origin recorded next to the autosave of key: a newly allocated path,
 * "" for a plan never saved, or NULL when there is none. */
static char *autosave_origin(const struct app *app, const char *key)
{
	char *path = autosave_file(app, key, "path"), *data = NULL;
	size_t size;

	if (file_read_all(path, 8192, &data, &size, NULL) != UC_OK) {
		free(data);
		data = NULL;
	}
	free(path);
	return data;
}

/* The autosave to offer: of the plan opened (app->path), or else the most
 * recent; never one that a running planner holds.  Newly allocated key, or
 * NULL. */
static char *autosave_candidate(const struct app *app, struct stat *found)
{
	DIR *d = opendir(app->state_dir);
	struct dirent *e;
	char *best = NULL;

	if (!d)
		return NULL;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		char *key, *xml, *origin;
		struct stat st;
		bool ours, free_lock = true;

		if (n <= 13 || strncmp(e->d_name, "autosave-", 9) != 0 ||
		    strcmp(e->d_name + n - 4, ".xml") != 0)
			continue;
		key = xstrndup(e->d_name + 9, n - 13);
		ours = str_eq(key, app->autosave_key);
		if (!ours) {
			int fd = autosave_lock(app, key);
			free_lock = fd >= 0;
			if (fd >= 0) {
				/* Only tested: it is not ours to keep. */
				close(fd);
			}
		}
		xml = autosave_file(app, key, "xml");
		origin = autosave_origin(app, key);
		if (free_lock && origin && stat(xml, &st) == 0 && S_ISREG(st.st_mode) &&
		    (!app->path || str_eq(origin, app->path)) &&
		    (!best || st.st_mtime > found->st_mtime)) {
			free(best);
			best = key;
			key = NULL;
			*found = st;
		}
		free(origin);
		free(xml);
		free(key);
	}
	closedir(d);
	return best;
}

static void restore_done(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	struct uc_error err = {0};
	struct plan *plan = NULL;
	char *key = app->restore_key, *xml, *origin;

	(void)arg;
	(void)text;
	app->restore_key = NULL;
	if (!key)
		return;
	if (choice == 1) {
		autosave_unlink(app, key);
		app_message(app, ST_OK, "%s", _("The autosaved plan was discarded."));
	} else if (choice == 0) {
		xml = autosave_file(app, key, "xml");
		if (planfile_load(xml, &plan, &err) != UC_OK) {
			char msg[1600];
			uc_error_format(&err, msg, sizeof msg);
			dialog_message(app, _("Cannot restore the plan"), msg, ST_ERROR);
		} else {
			origin = autosave_origin(app, key);
			app_set_plan(app, plan, str_empty(origin) ? NULL : origin, false);
			free(origin);
			/* Now in this planner's own autosave; the old one goes. */
			app_autosave(app);
			if (!str_eq(key, app->autosave_key))
				autosave_unlink(app, key);
			app_show_screen(app, SCREEN_INTERVIEW);
			app_message(app, ST_OK, "%s",
				    _("Restored the autosaved plan; press F2 to save it."));
		}
		free(xml);
	}
	/* Esc: kept for the next start. */
	free(key);
}

void app_offer_restore(struct app *app)
{
	const char *buttons[] = {_("Restore"), _("Discard")};
	struct uc_error err = {0};
	struct plan *plan = NULL;
	char when[64] = "", *key, *xml, *origin, *msg, *name;
	struct stat st;

	if (!app->state_dir || !(key = autosave_candidate(app, &st)))
		return;
	xml = autosave_file(app, key, "xml");
	if (planfile_load(xml, &plan, &err) != UC_OK) {
		char detail[1600], *bad = xasprintf("%s.bad", xml);
		uc_error_format(&err, detail, sizeof detail);
		/* Set it aside so that the question does not come back. */
		if (rename(xml, bad) == 0)
			msg = xasprintf(_("An autosaved plan was found but cannot be read (%s). It "
					  "was kept as %s."),
					detail, bad);
		else
			msg = xasprintf(_("An autosaved plan was found but cannot be read (%s), and "
					  "it could not be set aside (%s): remove %s yourself."),
					detail, strerror(errno), xml);
		dialog_message(app, _("Autosave"), msg, ST_ERROR);
		free(msg);
		free(bad);
		free(xml);
		free(key);
		return;
	}
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", localtime(&st.st_mtime));
	origin = autosave_origin(app, key);
	/* The dialog wraps at newlines: the name must not choose its lines. */
	name = tw_neutralize(str_empty(plan->name) ? _("(unnamed plan)") : plan->name);
	if (!str_empty(origin))
		msg = xasprintf(_("A plan was being edited when ucplan last stopped: \"%s\", "
				  "autosaved %s. Once restored, F2 saves it to %s. Restore it?"),
				name, when, origin);
	else
		msg = xasprintf(_("A plan was being edited when ucplan last stopped: \"%s\", "
				  "autosaved %s, never saved (F2 will ask for a file name). "
				  "Restore it?"),
				name, when);
	free(app->restore_key);
	app->restore_key = key;
	dialog_confirm(app, _("Restore autosaved plan"), msg, buttons, "rd", 2, 0, restore_done,
		       (struct dlg_arg){0});
	free(msg);
	free(name);
	free(origin);
	free(xml);
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
	/* Remembered in the plan with its next save (it opens in this
	 * language where the user names none), but a setting of the viewer,
	 * not a change to the plan: the saved copy takes it too, so that it
	 * is not "[modified]" for this. */
	if (app->plan && !str_eq(app->plan->lang, lang)) {
		free(app->plan->lang);
		app->plan->lang = xstrdup(lang);
		if (app->saved) {
			free(app->saved->lang);
			app->saved->lang = xstrdup(lang);
		}
		dirty_forget(&app->dirty);
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
	autosave_release(app);
	free(app->state_dir);
	free(app->autosave_error);
	free(app->restore_key);
	memset(app, 0, sizeof *app);
	app->autosave_lock = -1;
}
