/* fuzz_fields.c: libFuzzer harness for what a user types into the forms.
 *
 * The TUI's field checks are curses-free library functions: the IPv4,
 * IPv6 and FQDN checks, port ranges, address numbering and every wizard
 * field.  The input is split on NUL bytes into texts, used in turn.
 * Besides not crashing, a few promises are checked: a port range that
 * parses formats back to itself, the successor of an address is an
 * address, a value the form shows can be typed back, and a plan edited
 * only through the forms can be saved and read back unchanged. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/model.h"
#include "ucplan/planfile.h"
#include "ucplan/wizard.h"

#define MAX_TEXTS 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *text)
{
	fprintf(stderr, "fuzz_fields: %s: \"%s\"\n", what, text);
	abort();
}

static void check_ports(const char *text)
{
	struct port_range r, again;
	char buf[32];

	if (!model_port_range_parse(text, &r))
		return;
	if (!model_port_range_valid(&r))
		fail("a parsed port range is not valid", text);
	model_port_range_format(&r, buf, sizeof buf);
	if (!model_port_range_parse(buf, &again) || again.first != r.first || again.last != r.last)
		fail("a port range does not format back to itself", text);
	/* Short buffers must truncate, never overflow (ASan watches). */
	for (size_t n = 1; n < 12; n++) {
		char *small = malloc(n);

		if (!small)
			abort();
		model_port_range_format(&r, small, n);
		if (strnlen(small, n) >= n)
			fail("a port range overflowed its buffer", text);
		free(small);
	}
}

static void check_successor(const char *text)
{
	static const size_t sizes[] = {1, 2, 8, 16, 40, 64, 300};
	bool ip = model_is_ip(text), fqdn = model_is_fqdn(text);

	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		char *buf = malloc(sizes[i]);

		if (!buf)
			abort();
		if (address_successor(text, ADDRESS_IP, buf, sizes[i]) && ip && !model_is_ip(buf))
			fail("the successor of an IP address is not one", text);
		if (address_successor(text, ADDRESS_FQDN, buf, sizes[i]) && fqdn &&
		    !model_is_fqdn(buf))
			fail("the successor of an FQDN is not one", text);
		free(buf);
	}
}

static void check_validators(const char *text)
{
	if (model_is_ip(text) != (model_is_ipv4(text) || model_is_ipv6(text)))
		fail("model_is_ip disagrees with the IPv4/IPv6 checks", text);
	(void)model_is_fqdn(text);
	(void)model_is_placeholder(text);
	(void)model_is_clean_text(text);
	check_ports(text);
	check_successor(text);
}

/* Every field of every page gets the next text; a value that was accepted
 * must be shown back in a form that is accepted again. */
static void fill_pages(struct wizard *w, char **texts, size_t n_texts, size_t *next)
{
	char msg[1024], shown[2048];

	for (size_t p = 0; p < wizard_page_count(w); p++) {
		if (!wizard_goto(w, p))
			abort();
		for (size_t f = 0; f < wizard_page(w)->n_fields; f++) {
			const char *text = texts[(*next)++ % n_texts];

			(void)wizard_field_visible(w, f);
			if (wizard_field_set(w, f, text, msg, sizeof msg) != UC_OK)
				continue;
			wizard_field_get(w, f, shown, sizeof shown);
			if (wizard_field_set(w, f, shown, msg, sizeof msg) != UC_OK)
				fail("a value the form shows is refused when typed back", shown);
		}
	}
}

static void fill_addresses(struct plan *plan, char **texts, size_t n_texts, size_t *next)
{
	char msg[1024];

	for (size_t s = 0; s < plan->n_sites; s++) {
		struct address_entry *e = NULL;
		size_t n = wizard_addresses(plan, s, &e);

		for (size_t i = 0; i < n; i++)
			(void)address_set(&e[i], texts[(*next)++ % n_texts], msg, sizeof msg);
		for (size_t i = 0; i < n; i++)
			(void)address_number_rest(e, n, i);
		free(e);
	}
}

static void round_trip(const struct plan *plan, const char *first)
{
	struct uc_error err = {0};
	struct plan *again = NULL;
	char *text = NULL;
	size_t len = 0;

	if (planfile_serialize(plan, &text, &len, &err) != UC_OK) {
		fprintf(stderr, "fuzz_fields: %s\n", err.message);
		fail("a plan edited through the forms cannot be saved", first);
	}
	if (planfile_load_memory(text, len, "fields.xml", &again, &err) != UC_OK) {
		fprintf(stderr, "fuzz_fields: %s:%d: %s\n%s\n", err.file, err.line, err.message,
			text);
		fail("a saved plan does not load", first);
	}
	if (!plan_equal(plan, again))
		fail("a saved plan loads differently", first);
	plan_free(again);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1);
	char *texts[MAX_TEXTS];
	size_t n_texts = 0, next = 0;
	char msg[1024];
	struct plan *plan;
	struct wizard *w;
	struct findings f = {0};

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	texts[n_texts++] = buf;
	for (size_t i = 0; i < size && n_texts < MAX_TEXTS; i++)
		if (buf[i] == '\0')
			texts[n_texts++] = buf + i + 1;
	for (size_t i = 0; i < n_texts; i++)
		check_validators(texts[i]);

	plan = plan_new_default();
	w = wizard_new(plan);
	fill_pages(w, texts, n_texts, &next);
	(void)wizard_site_add(w, texts[next++ % n_texts], msg, sizeof msg);
	(void)wizard_site_rename(w, 0, texts[next++ % n_texts], msg, sizeof msg);
	(void)wizard_branch_add(w, 0, texts[next++ % n_texts], BRANCH_SBA, msg, sizeof msg);
	fill_pages(w, texts, n_texts, &next);
	fill_addresses(plan, texts, n_texts, &next);
	wizard_page_findings(w, &f);
	findings_free(&f);
	plan_validate(plan, &f);
	findings_free(&f);
	round_trip(plan, texts[0]);
	wizard_free(w);
	plan_free(plan);
	free(buf);
	return 0;
}
