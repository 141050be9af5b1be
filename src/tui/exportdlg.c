/* exportdlg.c: the export dialog.
 *
 * Format (through the exporter registry), tables, destination; the same
 * exporters and the same crash-safe files as `ucplan report -o`.  One table
 * goes to one file; several go to a directory, one file per table, named
 * as the command line names them; a workbook holds every table chosen in
 * one file.  The pictures of the topology (DOT, and SVG or PNG through
 * Graphviz) are written as `ucplan diagram -o` writes them, for every site
 * or one: the dialog asks for a site instead of tables. */
#include "app.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ucplan/diagram.h"
#include "ucplan/export.h"
#include "ucplan/fileio.h"
#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"
#include "ucplan/util.h"

/* Focus positions, top to bottom. */
enum { F_FORMAT, F_TABLE0, F_PATH = F_TABLE0 + CATALOG_TABLE_COUNT, F_EXPORT, F_CANCEL, F_COUNT };
enum { HIT_FOCUS = 1 };

static const char *const formats[] = {"csv", "xml",       "json",     "xlsx", "ps1", "nft",
				      "probe-ps1", "probe-sh", "dot", "svg",  "png"};
static const char *const format_labels[] = {
	N_("CSV, for spreadsheets"), N_("XML, checked by data/report.rng"), N_("JSON, for scripts"),
	N_("XLSX, one workbook: a sheet per table and the warnings"),
	N_("PowerShell: Windows Firewall and IPsec"), N_("nftables ruleset"),
	N_("Connectivity probe, PowerShell"), N_("Connectivity probe, POSIX shell"),
	N_("DOT: the topology as a Graphviz graph"), N_("SVG: the topology as a picture"),
	N_("PNG: the topology as an image")};
/* What each script and picture is for; the tables formats need no
 * sentence.  The scripts cover the whole plan: one file, whatever the
 * tables; a picture is of every site or of one. */
enum { FIRST_SCRIPT = 4, FIRST_DIAGRAM = 8, FIRST_GRAPHVIZ = 9 };
static const char *const format_help[] = {
    NULL, NULL, NULL, NULL,
    N_("Run on each server of the plan: it adds that server's firewall and IPsec "
       "exceptions, and updates them when run again."),
    N_("Load on the external and internal firewalls around the perimeter network: "
       "a chain per firewall, named sets, NAT for the Edge."),
    N_("Run on a Windows server to test, with Test-NetConnection, every TCP path of "
       "the plan that starts there."),
    N_("Run on a Linux jump host or server to test every TCP path that starts there, "
       "with a time limit per path."),
    N_("The networks, servers and flows with their ports as a Graphviz graph: text to keep "
       "with the plan, or to draw with Graphviz's tools."),
    N_("The same graph drawn by Graphviz's dot: for a change request, a wiki page or a "
       "browser."),
    N_("The same graph drawn by Graphviz's dot as an image, for documents and mail that "
       "take no SVG.")};
static const char *const table_labels[CATALOG_TABLE_COUNT] = {
	N_("Firewall"), N_("Load balancers"), N_("IPsec"), N_("Windows Firewall program rules"),
	N_("DNS records"), N_("Certificates"), N_("Summary")};

struct export_dialog {
	struct view base;
	int format;
	int site; /* the picture's site; -1 for every site */
	bool tables[CATALOG_TABLE_COUNT];
	struct lineedit path;
	bool path_edited; /* the user chose a path: stop proposing one */
	bool editing;
	bool invalid_ok; /* the user chose to export a plan with errors */
	int focus;
	char msg[1600];
	enum style msg_style;
};

static bool is_diagram(const struct export_dialog *d)
{
	return d->format >= FIRST_DIAGRAM;
}

/* The extension of the files written: a picture's is its format's name. */
static const char *file_extension(const struct export_dialog *d)
{
	return is_diagram(d) ? formats[d->format] : export_find(formats[d->format])->extension;
}

/* True when the format is written by exporting every table to one file. */
static bool is_one_file(const struct export_dialog *d)
{
	return is_diagram(d) || export_find(formats[d->format])->one_file;
}

/* The file a one-file export takes in a directory. */
static const char *one_file_name(const struct export_dialog *d)
{
	return is_diagram(d) ? "topology" : EXPORT_ONE_FILE_NAME;
}

/* True when the program can be run: a path to an executable, or a name
 * found in PATH, as posix_spawnp would find it. */
static bool program_found(const char *program)
{
	const char *path = getenv("PATH");
	bool found = false;
	char *dirs, *dir, *save = NULL;

	if (strchr(program, '/'))
		return access(program, X_OK) == 0;
	dirs = xstrdup(path ? path : "/usr/bin:/bin");
	for (dir = strtok_r(dirs, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
		char *full = xasprintf("%s/%s", *dir ? dir : ".", program);
		found = access(full, X_OK) == 0;
		free(full);
	}
	free(dirs);
	return found;
}

/* A picture that Graphviz draws, with Graphviz not there. */
static bool graphviz_missing(const struct export_dialog *d)
{
	return d->format >= FIRST_GRAPHVIZ && !program_found(diagram_dot_program());
}

static unsigned selected_tables(const struct export_dialog *d)
{
	unsigned mask = 0;

	for (int k = 0; k < CATALOG_TABLE_COUNT; k++)
		if (d->tables[k])
			mask |= EXPORT_TABLE_BIT(k);
	return mask;
}

static int table_count(const struct export_dialog *d)
{
	int n = 0;

	for (int k = 0; k < CATALOG_TABLE_COUNT; k++)
		n += d->tables[k];
	return n;
}

/* ./<plan>-firewall.csv for one table, ./<plan>-tables/ for several,
 * ./<plan>.xlsx for a workbook, ./<plan>-topology.svg for a picture of
 * every site, ./<plan>-<site>-topology.svg for one. */
static void propose_path(struct export_dialog *d, struct app *app)
{
	const char *ext = file_extension(d);
	char *slug, *path;

	if (d->path_edited)
		return;
	slug = app_plan_slug(app);
	if (is_diagram(d) && d->site >= 0) {
		char *site = app_slug(app->plan->sites[d->site].name);
		path = xasprintf("./%s-%s-topology.%s", slug, site, ext);
		free(site);
	} else if (is_diagram(d)) {
		path = xasprintf("./%s-topology.%s", slug, ext);
	} else if (export_find(formats[d->format])->one_file) {
		path = xasprintf("./%s.%s", slug, ext);
	} else if (d->format >= FIRST_SCRIPT) {
		path = xasprintf("./%s-%s.%s", slug, formats[d->format], ext);
	} else if (table_count(d) == 1) {
		int k = 0;
		while (!d->tables[k])
			k++;
		path = xasprintf("./%s-%s.%s", slug, catalog_table_key((enum catalog_table)k), ext);
	} else {
		path = xasprintf("./%s-tables/", slug);
	}
	lineedit_fini(&d->path);
	lineedit_init(&d->path, path, PATH_MAX);
	free(path);
	free(slug);
}

static void export_draw(struct view *v, struct app *app)
{
	struct export_dialog *d = (struct export_dialog *)v;
	const struct rect *a = &app->area;
	int w = a->w - 8 > 76 ? 76 : a->w - 8, h = 21, y, x, lx, vx, vw, row;
	char *path, line[300];

	if (h > a->h)
		h = a->h;
	y = a->y + (a->h - h) / 2;
	x = a->x + (a->w - w) / 2;
	draw_box(y, x, h, w, _("Export"), term_attr(ST_BORDER));
	lx = x + 2;
	vx = x + 16;
	vw = x + w - 2 - vx;
	row = y + 2;

	draw_text(row, lx, vx - lx - 1, _("Format"), A_BOLD);
	snprintf(line, sizeof line, "%s %s %s", term_glyphs()->left, _(format_labels[d->format]),
		 term_glyphs()->right);
	draw_text(row, vx, vw, line, term_attr(d->focus == F_FORMAT ? ST_FIELD_FOCUS : ST_DIALOG));
	app_hit(app, row, lx, w - 4, HIT_FOCUS, F_FORMAT);
	row++;
	if (graphviz_missing(d)) {
		/* said before Export is pressed, not after */
		char *missing = xasprintf(
		    _("Graphviz's dot program (%s) was not found: install Graphviz (Debian: apt "
		      "install graphviz) or set UCPLAN_DOT to it, or export DOT and draw it "
		      "elsewhere."),
		    diagram_dot_program());
		draw_wrapped(row, vx, vw, 3, missing, term_attr(ST_WARNING));
		free(missing);
	} else if (format_help[d->format]) {
		draw_wrapped(row, vx, vw, 3, _(format_help[d->format]), term_attr(ST_DIM));
	}
	row += 4;
	if (is_diagram(d)) {
		/* a picture is of one site or of all: no tables to choose */
		draw_text(row, lx, vx - lx - 1, _("Site"), A_BOLD);
		snprintf(line, sizeof line, "%s %s %s", term_glyphs()->left,
			 d->site >= 0 ? app->plan->sites[d->site].name : _("every site"),
			 term_glyphs()->right);
		draw_text(row, vx, vw, line,
			  term_attr(d->focus == F_TABLE0 ? ST_FIELD_FOCUS : ST_DIALOG));
		app_hit(app, row, lx, w - 4, HIT_FOCUS, F_TABLE0);
	} else {
		draw_text(row, lx, vx - lx - 1, _("Tables"), A_BOLD);
	}
	/* two columns: the port tables, then the DNS, certificates and
	 * summary, so that the dialog keeps room for its messages */
	for (int k = 0; k < CATALOG_TABLE_COUNT && !is_diagram(d); k++) {
		int col = k < CATALOG_DNS ? 0 : 1, cw = vw / 2;
		int ty = row + (col ? k - CATALOG_DNS : k), tx = vx + col * cw;
		snprintf(line, sizeof line, "[%s] %s", d->tables[k] ? "x" : " ",
			 _(table_labels[k]));
		draw_text(ty, tx, cw - 1, line,
			  term_attr(d->focus == F_TABLE0 + k ? ST_FIELD_FOCUS : ST_DIALOG));
		app_hit(app, ty, tx, cw - 1, HIT_FOCUS, F_TABLE0 + k);
	}
	row += CATALOG_DNS + 1;
	draw_text(row, lx, vx - lx - 1, _("Destination"), A_BOLD);
	if (d->editing) {
		lineedit_draw(&d->path, app, row, vx, vw, term_attr(ST_EDIT));
	} else {
		path = lineedit_text(&d->path);
		draw_text_pad(row, vx, vw, path,
			      term_attr(d->focus == F_PATH ? ST_FIELD_FOCUS : ST_FIELD));
		free(path);
	}
	app_hit(app, row, vx, vw, HIT_FOCUS, F_PATH);
	row++;
	path = lineedit_text(&d->path);
	row += draw_wrapped(row, vx, vw, 2,
			    path[0] && path[strlen(path) - 1] == '/'
				? (is_diagram(d)
					   ? _("A directory, created when missing: the picture goes "
					       "into it as topology, with the format's extension.")
				   : is_one_file(d)
					   ? _("A directory, created when missing: the workbook "
					       "goes into it as report.xlsx.")
					   : _("A directory: one file per table, created when "
					       "missing."))
				: _("One file; an existing file is replaced only after you "
				    "confirm."),
			    term_attr(ST_DIM));
	free(path);
	row++;
	if (d->msg[0])
		draw_wrapped(row, lx, w - 4, y + h - 3 - row, d->msg, term_attr(d->msg_style));
	{
		int bx = x + w - 2;
		const char *cancel = _("Cancel"), *ok = _("Export");
		bx -= (int)tw_width(cancel) + 4;
		draw_button(app, y + h - 2, bx, cancel, d->focus == F_CANCEL, HIT_FOCUS, F_CANCEL);
		bx -= (int)tw_width(ok) + 6;
		draw_button(app, y + h - 2, bx, ok, d->focus == F_EXPORT, HIT_FOCUS, F_EXPORT);
	}
}

/* ---- writing --------------------------------------------------------------- */

/* The files an export writes: one, or one per table in a directory. */
static size_t target_files(const struct export_dialog *d, const char *dest, char **files)
{
	size_t n = 0, len = strlen(dest);

	if (len && dest[len - 1] == '/' && is_one_file(d)) {
		files[n++] = xasprintf("%s%s.%s", dest, one_file_name(d), file_extension(d));
	} else if (len && dest[len - 1] == '/') {
		for (int k = 0; k < CATALOG_TABLE_COUNT; k++)
			if (d->tables[k])
				files[n++] = xasprintf("%s%s.%s", dest,
						       catalog_table_key((enum catalog_table)k),
						       file_extension(d));
	} else {
		files[n++] = xstrdup(dest);
	}
	return n;
}

static char *dest_path(const struct export_dialog *d)
{
	char *text = lineedit_text(&d->path), *p = text, *out;
	const char *home = getenv("HOME");

	while (*p == ' ')
		p++;
	if (p[0] == '~' && p[1] == '/' && !str_empty(home))
		out = xasprintf("%s%s", home, p + 1);
	else
		out = xstrdup(p);
	free(text);
	return out;
}

static void fail(struct export_dialog *d, const struct uc_error *err)
{
	uc_error_format(err, d->msg, sizeof d->msg);
	d->msg_style = ST_ERROR;
}

/* Creates dir and the directories above it that are missing, as the hint
 * under the destination promises ("created when missing"). */
static bool make_directories(const char *dir, struct uc_error *err)
{
	char *path = xstrdup(dir);
	bool ok = true;

	for (char *p = path + 1; ok; p++) {
		struct stat st;
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			uc_error_set(err, UC_ERR_IO, path, 0, _("cannot create the directory: %s"),
				     strerror(errno));
			ok = false;
		} else if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
			uc_error_set(err, UC_ERR_IO, path, 0, "%s",
				     _("cannot create the directory: a file has that name"));
			ok = false;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(path);
	return ok;
}

/* What the atomic file of a picture is written with. */
struct picture_job {
	const struct diagram *diagram;
	const char *format; /* "dot", "svg", "png" */
};

static enum uc_status picture_write(FILE *out, const void *context, struct uc_error *err)
{
	const struct picture_job *job = context;

	if (strcmp(job->format, "dot") == 0)
		return diagram_write_dot(job->diagram, out, err);
	return diagram_write_graphviz(job->diagram, job->format, out, err);
}

/* Writes the picture to file.  What Graphviz says on its standard error
 * would land on the curses screen: it is caught in a temporary file and,
 * when dot fails, added to the message (the library's message says it is
 * "above", which the planner cannot show). */
static enum uc_status export_picture(struct export_dialog *d, const struct report *r,
				     const char *file, struct uc_error *err)
{
	struct diagram *picture = diagram_build(r, d->site);
	struct picture_job job = {picture, formats[d->format]};
	FILE *said;
	int saved;
	enum uc_status s;

	if (!picture)
		return uc_error_set(err, UC_ERR_USAGE, NULL, 0, "%s",
				    _("Nothing to draw for this site."));
	said = tmpfile();
	saved = said ? dup(STDERR_FILENO) : -1;
	if (saved >= 0)
		dup2(fileno(said), STDERR_FILENO);
	s = atomic_file_write(file, picture_write, &job, err);
	if (saved >= 0) {
		dup2(saved, STDERR_FILENO);
		close(saved);
	}
	if (said && s != UC_OK) {
		char text[400];
		size_t n, len = strlen(err->message);
		rewind(said);
		n = fread(text, 1, sizeof text - 1, said);
		text[n] = '\0';
		if (n)
			snprintf(err->message + len, sizeof err->message - len, "\n%s", text);
	}
	if (said)
		fclose(said);
	diagram_free(picture);
	/* dot might have written to the terminal all the same */
	term_repaint();
	return s;
}

static void export_write(struct export_dialog *d, struct app *app)
{
	const struct exporter *ex = is_diagram(d) ? NULL : export_find(formats[d->format]);
	const struct report *r = app_report(app);
	struct export_options eo;
	struct uc_error err = {0};
	char *dest = dest_path(d), *files[CATALOG_TABLE_COUNT + 1];
	size_t n, len = strlen(dest);
	struct strbuf done = {0};
	bool failed = false;
	int k = 0;

	if (!r) {
		snprintf(d->msg, sizeof d->msg, "%s", app->catalog_error);
		d->msg_style = ST_ERROR;
		free(dest);
		return;
	}
	if (len && dest[len - 1] == '/' && !make_directories(dest, &err)) {
		fail(d, &err);
		free(dest);
		return;
	}
	n = target_files(d, dest, files);
	export_default_options(&eo);
	eo.findings = app_findings(app);
	for (size_t i = 0; i < n; i++) {
		char real[PATH_MAX];
		eo.tables = selected_tables(d);
		if (n > 1) {
			while (!d->tables[k])
				k++;
			eo.tables = EXPORT_TABLE_BIT(k);
			k++;
		}
		if ((ex ? export_to_file(ex, r, &eo, files[i], &err)
			: export_picture(d, r, files[i], &err)) != UC_OK) {
			fail(d, &err);
			failed = true;
			break;
		}
		strbuf_printf(&done, "\n%s", realpath(files[i], real) ? real : files[i]);
	}
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(dest);
	if (failed) {
		strbuf_free(&done);
		return;
	}
	app_pop(app); /* the dialog: d is gone from here on */
	{
		char *msg = xasprintf("%s%s", _("Wrote:"), done.data ? done.data : "");
		dialog_message(app, _("Export done"), msg, ST_OK);
		free(msg);
	}
	strbuf_free(&done);
}

static void overwrite_done(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	(void)text;
	if (choice == 0)
		export_write(arg.ptr, app);
}

static void export_start(struct export_dialog *d, struct app *app);

static void invalid_done(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	struct export_dialog *d = arg.ptr;

	(void)text;
	if (choice != 0)
		return;
	d->invalid_ok = true;
	export_start(d, app);
}

static void export_start(struct export_dialog *d, struct app *app)
{
	char *dest, *files[CATALOG_TABLE_COUNT + 1];
	struct strbuf existing = {0};
	size_t n, count = 0, errors = app_findings(app)->errors;

	d->msg[0] = '\0';
	d->msg_style = ST_NORMAL;
	/* The command line refuses a plan with errors (exit status 1); the
	 * planner says so and lets the user decide. */
	if (errors && !d->invalid_ok) {
		const char *buttons[] = {_("Export anyway"), _("Cancel")};
		char *msg = xasprintf(
		    P_("The plan has %zu error (see the Warnings tab): the tables may be wrong "
		       "or incomplete. 'ucplan report' refuses such a plan.",
		       "The plan has %zu errors (see the Warnings tab): the tables may be wrong "
		       "or incomplete. 'ucplan report' refuses such a plan.",
		       errors),
		    errors);
		dialog_confirm(app, _("Export a plan with errors?"), msg, buttons, "ec", 2, 1,
			       invalid_done, (struct dlg_arg){d, 0, 0});
		free(msg);
		return;
	}
	if (!is_diagram(d) && table_count(d) == 0) {
		snprintf(d->msg, sizeof d->msg, "%s", _("Choose at least one table."));
		d->msg_style = ST_ERROR;
		return;
	}
	dest = dest_path(d);
	if (!*dest) {
		snprintf(d->msg, sizeof d->msg, "%s", _("Enter where to write the export."));
		d->msg_style = ST_ERROR;
		free(dest);
		return;
	}
	n = target_files(d, dest, files);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(files[i], &st) == 0) {
			strbuf_printf(&existing, "\n%s", files[i]);
			count++;
		}
		free(files[i]);
	}
	free(dest);
	if (count) {
		const char *buttons[] = {_("Overwrite"), _("Cancel")};
		char *msg = xasprintf("%s%s",
				      P_("This file exists and will be replaced:",
					 "These files exist and will be replaced:", count),
				      existing.data);
		dialog_confirm(app, _("Overwrite?"), msg, buttons, "oc", 2, 1, overwrite_done,
			       (struct dlg_arg){d, 0, 0});
		free(msg);
		strbuf_free(&existing);
		return;
	}
	export_write(d, app);
}

/* ---- keys -------------------------------------------------------------------- */

/* True when field f is on screen: a picture has a site, not tables. */
static bool focus_usable(const struct export_dialog *d, int f)
{
	return !is_diagram(d) || f <= F_TABLE0 || f >= F_PATH;
}

static void move_focus(struct export_dialog *d, int delta)
{
	do
		d->focus = (d->focus + F_COUNT + delta) % F_COUNT;
	while (!focus_usable(d, d->focus));
}

static void toggle(struct export_dialog *d, struct app *app)
{
	d->msg[0] = '\0';
	if (d->focus == F_FORMAT)
		d->format = (d->format + 1) % (int)(sizeof formats / sizeof formats[0]);
	else if (d->focus == F_TABLE0 && is_diagram(d))
		/* every site, then each one */
		d->site = d->site + 1 >= (int)app->plan->n_sites ? -1 : d->site + 1;
	else if (d->focus >= F_TABLE0 && d->focus < F_PATH)
		d->tables[d->focus - F_TABLE0] = !d->tables[d->focus - F_TABLE0];
	else
		return;
	propose_path(d, app);
}

static void activate(struct export_dialog *d, struct app *app)
{
	switch (d->focus) {
	case F_PATH:
		d->editing = true;
		break;
	case F_EXPORT:
		export_start(d, app);
		break;
	case F_CANCEL:
		app_pop(app);
		break;
	default:
		/* Enter is OK, as the status line says; Space switches. */
		export_start(d, app);
		break;
	}
}

static int export_handle(struct view *v, struct app *app, const struct tui_event *ev)
{
	struct export_dialog *d = (struct export_dialog *)v;

	if (ev->click) {
		if (ev->hit == HIT_FOCUS) {
			d->editing = false;
			d->focus = ev->hit_arg;
			if (d->focus < F_PATH)
				toggle(d, app); /* a click on a choice switches it */
			else
				activate(d, app);
		}
		return TUI_HANDLED;
	}
	if (d->editing) {
		if (lineedit_handle(&d->path, ev)) {
			d->path_edited = true;
			/* an error about the old path no longer applies */
			d->msg[0] = '\0';
			return TUI_HANDLED;
		}
		switch (ev->cmd) {
		case CMD_ACCEPT:
			d->editing = false;
			d->focus = F_EXPORT;
			return TUI_HANDLED;
		case CMD_NEXT_FIELD:
		case CMD_PREV_FIELD:
			d->editing = false;
			move_focus(d, ev->cmd == CMD_NEXT_FIELD ? 1 : -1);
			return TUI_HANDLED;
		case CMD_CANCEL:
			d->editing = false;
			return TUI_HANDLED;
		default:
			return ev->cmd == CMD_NONE ? TUI_HANDLED : TUI_IGNORED;
		}
	}
	switch (ev->cmd) {
	case CMD_NEXT_FIELD:
	case CMD_PREV_FIELD:
		move_focus(d, ev->cmd == CMD_NEXT_FIELD ? 1 : -1);
		return TUI_HANDLED;
	case CMD_TOGGLE:
		if (d->focus == F_EXPORT || d->focus == F_CANCEL)
			d->focus = d->focus == F_EXPORT ? F_CANCEL : F_EXPORT;
		else
			toggle(d, app);
		return TUI_HANDLED;
	case CMD_ENTER:
		activate(d, app);
		return TUI_HANDLED;
	case CMD_CANCEL:
		app_pop(app);
		return TUI_HANDLED;
	default:
		return ev->cmd == CMD_NONE ? TUI_HANDLED : TUI_IGNORED;
	}
}

static unsigned export_contexts(const struct view *v)
{
	const struct export_dialog *d = (const struct export_dialog *)v;

	return d->editing ? CTX_EDIT : CTX_EXPORT;
}

static void export_destroy(struct view *v)
{
	struct export_dialog *d = (struct export_dialog *)v;

	lineedit_fini(&d->path);
	free(d);
}

static const struct view_ops export_ops = {
    .name = "export",
    .draw = export_draw,
    .handle = export_handle,
    .contexts = export_contexts,
    .destroy = export_destroy,
};

void export_dialog_open(struct app *app)
{
	struct export_dialog *d = xcalloc(1, sizeof *d);
	int current = reports_current_table(app), site = topology_current_site(app);

	d->base.ops = &export_ops;
	for (int k = 0; k < CATALOG_TABLE_COUNT; k++)
		d->tables[k] = current < 0 || current == k;
	/* from the Topology view: its picture, of the site it shows */
	d->site = site >= 0 ? site : -1;
	if (site >= -1) {
		d->format = FIRST_GRAPHVIZ;
		if (graphviz_missing(d))
			d->format = FIRST_DIAGRAM;
	}
	lineedit_init(&d->path, "", PATH_MAX);
	propose_path(d, app);
	d->focus = F_EXPORT;
	app_push(app, &d->base);
}
