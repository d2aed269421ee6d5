/*
 * tests/unit/support.c: the code behind tzf_test.h (the diagnostics sink,
 * tt_compile, shared-data paths, the Zone extractor, the small TZif
 * decoder), compiled once and linked into every cmocka program.
 */
#include "tzf_test.h"

char *
tt_strdup(const char *s)
{
	char *p;

	if (s == NULL)
		return NULL;
	p = malloc(strlen(s) + 1);
	assert_non_null(p);
	return memcpy(p, s, strlen(s) + 1);
}

void
tt_collect(void *payload, const struct tzf_msg *m)
{
	struct tt_diag *d = payload;
	struct tt_msg *t;

	if (d->n == d->alloc) {
		d->alloc = d->alloc ? 2 * d->alloc : 16;
		d->msgs = realloc(d->msgs, (size_t)d->alloc * sizeof *d->msgs);
		assert_non_null(d->msgs);
	}
	t = &d->msgs[d->n++];
	t->sev = m->sev;
	t->file = tt_strdup(m->file);
	t->line = m->line;
	t->rfile = tt_strdup(m->rfile);
	t->rline = m->rline;
	t->sys = m->sys;
	t->text = tt_strdup(m->text);
}

void
tt_diag_init(struct tt_diag *d)
{
	memset(d, 0, sizeof *d);
	d->dg.fn = tt_collect;
	d->dg.payload = d;
}

void
tt_diag_reset(struct tt_diag *d)
{
	int i;

	for (i = 0; i < d->n; i++) {
		free(d->msgs[i].file);
		free(d->msgs[i].rfile);
		free(d->msgs[i].text);
	}
	d->n = 0;
	d->dg.nerr = d->dg.nwarn = 0;
}

void
tt_diag_free(struct tt_diag *d)
{
	tt_diag_reset(d);
	free(d->msgs);
	d->msgs = NULL;
	d->alloc = 0;
}

const char *
tt_sevname(enum tzf_sev sev)
{
	return sev == TZF_SEV_ERR ? "error" :
	    sev == TZF_SEV_WARN ? "warning" : "note";
}

void
tt_diag_dump(const struct tt_diag *d)
{
	int i;

	print_message("  %d message(s), nerr %d, nwarn %d\n", d->n,
	    d->dg.nerr, d->dg.nwarn);
	for (i = 0; i < d->n; i++) {
		const struct tt_msg *m = &d->msgs[i];

		print_message("  [%d] %s: ", i, tt_sevname(m->sev));
		if (m->file != NULL)
			print_message("\"%s\", line %ld: ", m->file, m->line);
		print_message("%s", m->text);
		if (m->rfile != NULL)
			print_message(" (rule from \"%s\", line %ld)",
			    m->rfile, m->rline);
		print_message("\n");
	}
}

int
tt_find(const struct tt_diag *d, enum tzf_sev sev, const char *text)
{
	int i;

	for (i = 0; i < d->n; i++)
		if (d->msgs[i].sev == sev && strcmp(d->msgs[i].text, text) == 0)
			return i;
	return -1;
}

int
tt_count(const struct tt_diag *d, enum tzf_sev sev, const char *text)
{
	int i, n = 0;

	for (i = 0; i < d->n; i++)
		n += d->msgs[i].sev == sev
		    && strcmp(d->msgs[i].text, text) == 0;
	return n;
}

bool
tt_streq_null(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

void
tt_expect_msg_at(const struct tt_diag *d, int i, enum tzf_sev sev,
    const char *file, long line, const char *text, const char *cfile,
    int cline)
{
	const struct tt_msg *m = i >= 0 && i < d->n ? &d->msgs[i] : NULL;

	if (m != NULL && m->sev == sev && tt_streq_null(m->file, file)
	    && (file == NULL || m->line == line)
	    && strcmp(m->text, text) == 0)
		return;
	print_error("expected message [%d]: %s: ", i, tt_sevname(sev));
	if (file != NULL)
		print_error("\"%s\", line %ld: ", file, line);
	print_error("%s\n", text);
	tt_diag_dump(d);
	_fail(cfile, cline);
}

void
tt_expect_nmsg_at(const struct tt_diag *d, int n, const char *cfile,
    int cline)
{
	if (d->n == n)
		return;
	print_error("expected %d message(s), got %d\n", n, d->n);
	tt_diag_dump(d);
	_fail(cfile, cline);
}

size_t
tt_zone_index(const struct tzf_db *db, const char *zone)
{
	size_t i, n = tzf_db_nzones(db);

	for (i = 0; i < n; i++)
		if (strcmp(tzf_db_zone_name(db, i), zone) == 0)
			return i;
	return (size_t)-1;
}

void
tt_compile(struct tt_run *r, const struct tzf_zic_opts *opts,
    const char *leap, const char *text, const char *zone)
{
	struct tzf_zic_opts o = opts ? *opts : (struct tzf_zic_opts)
	    TZF_ZIC_OPTS_INIT;
	size_t i;

	memset(r, 0, sizeof *r);
	tt_diag_init(&r->d);
	if (o.redundant_time < o.lo_time)
		o.redundant_time = o.lo_time;	/* as zic's main does */
	r->stage = TT_NEW;
	r->rc = tzf_db_new(&r->db, &o, &r->d.dg);
	if (r->rc != TZF_OK)
		return;
	if (leap != NULL) {
		r->stage = TT_LEAPPARSE;
		r->rc = tzf_db_parse(r->db, "leapseconds", leap, strlen(leap),
		    true);
		if (r->rc != TZF_OK)
			return;
		r->stage = TT_LEAPSDONE;
		r->rc = tzf_db_leaps_done(r->db);
		if (r->rc != TZF_OK)
			return;
	}
	r->stage = TT_PARSE;
	r->rc = tzf_db_parse(r->db, "in.zi", text, strlen(text), false);
	if (r->rc != TZF_OK)
		return;
	r->stage = TT_ERRORS;
	if (r->d.dg.nerr != 0)
		return;
	r->stage = TT_ASSOCIATE;
	r->rc = tzf_db_associate(r->db);
	if (r->rc != TZF_OK || zone == NULL) {
		if (r->rc == TZF_OK)
			r->stage = TT_DONE;
		return;
	}
	r->stage = TT_NOZONE;
	i = tt_zone_index(r->db, zone);
	if (i == (size_t)-1)
		return;
	r->stage = TT_COMPILE;
	r->rc = tzf_db_compile_zone(&r->out, r->db, i);
	if (r->rc == TZF_OK)
		r->stage = TT_DONE;
}

void
tt_run_free(struct tt_run *r)
{
	tzf_db_free(r->db);
	r->db = NULL;
	tzf_buf_dispose(&r->out);
	tt_diag_free(&r->d);
}

void
tt_expect_done_at(const struct tt_run *r, const char *cfile, int cline)
{
	if (r->stage == TT_DONE && r->rc == TZF_OK)
		return;
	print_error("run stopped at stage %d with rc %d\n", (int)r->stage,
	    r->rc);
	tt_diag_dump(&r->d);
	_fail(cfile, cline);
}

int
tt_scratch_setup(char *tmpl)
{
	return tzf_init() < 0 || mkdtemp(tmpl) == NULL ? -1 : 0;
}

int
tt_scratch_teardown(const char *dir)
{
	char cmd[4200];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	tzf_shutdown();
	return system(cmd) == 0 ? 0 : -1;
}

void
tt_shell_line(char *out, size_t size, const char *cmd)
{
	FILE *p = popen(cmd, "r");

	assert_non_null(p);
	if (fgets(out, (int)size, p) == NULL)
		out[0] = '\0';
	out[strcspn(out, "\n")] = '\0';
	pclose(p);
}

int64_t
tt_at(const char *s)
{
	int64_t t;
	bool haszone;

	assert_int_equal(tzf_time_parse(&t, &haszone, s), TZF_OK);
	return t;
}

void
tt_write_file(const char *dir, const char *name, const char *text,
    size_t len)
{
	char path[4300];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

void
tt_shared_path(char *out, size_t size, const char *rel)
{
	const char *base = getenv("TZF_SHARED");
	int n;

	if (base == NULL || *base == '\0')
		base = "../shared";
	n = snprintf(out, size, "%s/%s", base, rel);
	assert_true(n > 0 && (size_t)n < size);
}

char *
tt_slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, got;

	if (fp == NULL)
		return NULL;
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? 2 * cap : 65536;
			buf = realloc(buf, cap + 1);
			assert_non_null(buf);
		}
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
		if (got == 0)
			break;
	}
	fclose(fp);
	buf[n] = '\0';
	if (len != NULL)
		*len = n;
	return buf;
}

char *
tt_shared_slurp(const char *rel, size_t *len)
{
	char path[4096];
	char *p;

	tt_shared_path(path, sizeof path, rel);
	p = tt_slurp(path, len);
	if (p == NULL) {
		print_error("cannot read %s (set TZF_SHARED?)\n", path);
		fail();
	}
	return p;
}

bool
tt_field(const char *line, const char *end, int n, char *out, size_t size)
{
	const char *p = line, *q;

	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		if (p == end || *p == '#')
			return false;
		for (q = p; q < end && *q != ' ' && *q != '\t' && *q != '\r'
		    && *q != '#'; q++)
			continue;
		if (n-- == 0) {
			size_t len = (size_t)(q - p);

			if (len >= size)
				len = size - 1;
			memcpy(out, p, len);
			out[len] = '\0';
			return true;
		}
		p = q;
	}
}

bool
tt_blank_or_comment(const char *line, const char *end)
{
	char f[8];

	return !tt_field(line, end, 0, f, sizeof f);
}

int
tt_zone_extract(struct tzf_buf *out, const char *zsrc, const char *zone,
    const char *const *src, int nsrc)
{
	const char *p = zsrc, *nl, *zstart = NULL, *zend = NULL;
	char f0[64], f1[256], names[64][64];
	int nnames = 0, nlines = 0, k;
	bool inblock = false;

	/* The zone block, and the rule names it uses. */
	for (; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if (!inblock) {
			if (tt_field(p, nl, 0, f0, sizeof f0)
			    && strcmp(f0, "Zone") == 0
			    && tt_field(p, nl, 1, f1, sizeof f1)
			    && strcmp(f1, zone) == 0) {
				inblock = true;
				zstart = p;
			}
		} else if (!tt_blank_or_comment(p, nl)
		    && *p != ' ' && *p != '\t')
			break;
		if (inblock && !tt_blank_or_comment(p, nl)) {
			int rf = *p == ' ' || *p == '\t' ? 1 : 3;
			char r[64];

			nlines++;
			zend = nl;
			if (tt_field(p, nl, rf, r, sizeof r)
			    && (r[0] < '0' || r[0] > '9') && r[0] != '-'
			    && r[0] != '+' && nnames < 64) {
				for (k = 0; k < nnames; k++)
					if (strcmp(names[k], r) == 0)
						break;
				if (k == nnames)
					memcpy(names[nnames++], r,
					    strlen(r) + 1);
			}
		}
		if (*nl == '\0')
			break;
	}
	if (zstart == NULL)
		return 0;
	for (k = 0; k < nsrc; k++)
		for (p = src[k]; *p != '\0'; p = nl + 1) {
			int j;

			nl = strchr(p, '\n');
			if (nl == NULL)
				nl = p + strlen(p);
			if (tt_field(p, nl, 0, f0, sizeof f0)
			    && strcmp(f0, "Rule") == 0
			    && tt_field(p, nl, 1, f1, sizeof f1))
				for (j = 0; j < nnames; j++)
					if (strcmp(names[j], f1) == 0) {
						tzf_buf_add(out, p,
						    (size_t)(nl - p));
						tzf_buf_add(out, "\n", 1);
						break;
					}
			if (*nl == '\0')
				break;
		}
	tzf_buf_add(out, zstart, (size_t)(zend - zstart));
	tzf_buf_add(out, "\n", 1);
	return nlines;
}

uint32_t
tt_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16
	    | (uint32_t)p[2] << 8 | p[3];
}

int64_t
tt_be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)tt_be32(p) << 32 | tt_be32(p + 4));
}

bool
tt_block_decode(struct tt_block *b, const unsigned char *d, size_t len,
    size_t off, int tsize)
{
	const unsigned char *p;
	size_t need;

	if (len < off + 44 || memcmp(d + off, "TZif", 4) != 0)
		return false;
	p = d + off + 20;
	b->isutcnt = tt_be32(p);
	b->isstdcnt = tt_be32(p + 4);
	b->leapcnt = tt_be32(p + 8);
	b->timecnt = tt_be32(p + 12);
	b->typecnt = tt_be32(p + 16);
	b->charcnt = tt_be32(p + 20);
	b->tsize = tsize;
	need = (size_t)b->timecnt * (tsize + 1) + (size_t)b->typecnt * 6
	    + b->charcnt + (size_t)b->leapcnt * (tsize + 4) + b->isstdcnt
	    + b->isutcnt;
	if (len - off - 44 < need)
		return false;
	p = d + off + 44;
	b->times = p;
	p += (size_t)b->timecnt * tsize;
	b->idxs = p;
	p += b->timecnt;
	b->types = p;
	p += (size_t)b->typecnt * 6;
	b->chars = p;
	p += b->charcnt;
	b->leaps = p;
	p += (size_t)b->leapcnt * (tsize + 4);
	b->isstd = p;
	p += b->isstdcnt;
	b->isut = p;
	b->start = off;
	b->size = 44 + need;
	return true;
}

void
tt_tzif_decode(struct tt_tzif *t, const void *data, size_t len)
{
	const unsigned char *d = data;
	size_t off, flen;
	const unsigned char *nl;

	memset(t, 0, sizeof *t);
	assert_true(tt_block_decode(&t->v1, d, len, 0, 4));
	t->version = (char)d[4];
	if (t->version == '\0')
		return;
	off = t->v1.size;
	assert_true(tt_block_decode(&t->v2, d, len, off, 8));
	t->version2 = (char)d[off + 4];
	off += t->v2.size;
	assert_true(off < len && d[off] == '\n');
	nl = memchr(d + off + 1, '\n', len - off - 1);
	assert_non_null(nl);
	assert_true((size_t)(nl - d) == len - 1);	/* nothing after */
	flen = (size_t)(nl - (d + off + 1));
	t->footer_buf = malloc(flen + 1);
	assert_non_null(t->footer_buf);
	memcpy(t->footer_buf, d + off + 1, flen);
	t->footer_buf[flen] = '\0';
	t->footer = t->footer_buf;
}

void
tt_tzif_free(struct tt_tzif *t)
{
	free(t->footer_buf);
	t->footer_buf = NULL;
}

int64_t
tt_time(const struct tt_block *b, uint32_t i)
{
	return b->tsize == 4 ? (int32_t)tt_be32(b->times + 4 * (size_t)i)
	    : tt_be64(b->times + 8 * (size_t)i);
}

int32_t
tt_type_utoff(const struct tt_block *b, uint32_t i)
{
	return (int32_t)tt_be32(b->types + 6 * (size_t)i);
}

int
tt_type_isdst(const struct tt_block *b, uint32_t i)
{
	return b->types[6 * (size_t)i + 4];
}

const char *
tt_type_abbr(const struct tt_block *b, uint32_t i)
{
	return (const char *)b->chars + b->types[6 * (size_t)i + 5];
}

int64_t
tt_leap_time(const struct tt_block *b, uint32_t i)
{
	const unsigned char *p = b->leaps + (size_t)i * (b->tsize + 4);

	return b->tsize == 4 ? (int32_t)tt_be32(p) : tt_be64(p);
}

int32_t
tt_leap_corr(const struct tt_block *b, uint32_t i)
{
	return (int32_t)tt_be32(b->leaps + (size_t)i * (b->tsize + 4)
	    + b->tsize);
}

void
tt_expect_golden_at(const struct tzf_buf *got, const char *rel,
    const char *cfile, int cline)
{
	size_t len = 0, i, glen = got->len;
	char *want = tt_shared_slurp(rel, &len);

	if (len == glen && memcmp(want, got->ptr, len) == 0) {
		free(want);
		return;
	}
	for (i = 0; i < len && i < glen; i++)
		if (want[i] != got->ptr[i])
			break;
	print_error("%s: %zu bytes expected, %zu written; first difference "
	    "at offset %zu\n", rel, len, glen, i);
	free(want);
	_fail(cfile, cline);
}
