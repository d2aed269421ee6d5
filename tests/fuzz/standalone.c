/*
 * standalone.c: a main() for the fuzz targets without libFuzzer, so that
 * make check replays every corpus file under gcc (and under ASan/UBSan
 * with SANITIZE=...).  Arguments are files or directories (each regular
 * file directly inside a directory is one input); every input is run
 * through LLVMFuzzerTestOneInput once.  Exit 0 after all inputs ran, 1
 * if an input could not be read; a bug aborts the process.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL) {
		perror(path);
		return 1;
	}
	for (;;) {
		if (len == cap) {
			unsigned char *p;

			cap = cap ? 2 * cap : 65536;
			p = realloc(buf, cap);
			if (p == NULL) {
				fprintf(stderr, "%s: out of memory\n", path);
				free(buf);
				fclose(f);
				return 1;
			}
			buf = p;
		}
		n = fread(buf + len, 1, cap - len, f);
		if (n == 0)
			break;
		len += n;
	}
	if (ferror(f)) {
		perror(path);
		free(buf);
		fclose(f);
		return 1;
	}
	fclose(f);
	/* An exact-size copy, so that reads past the end are caught. */
	{
		unsigned char *exact = malloc(len ? len : 1);

		if (exact == NULL) {
			free(buf);
			return 1;
		}
		if (len)
			memcpy(exact, buf, len);
		free(buf);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
run_dir(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (d == NULL) {
		perror(dir);
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		char *p;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		p = malloc(strlen(dir) + strlen(e->d_name) + 2);
		if (p == NULL)
			break;
		sprintf(p, "%s/%s", dir, e->d_name);
		if (stat(p, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(p);
			continue;
		}
		if (n == cap) {
			char **q;

			cap = cap ? 2 * cap : 64;
			q = realloc(names, cap * sizeof *names);
			if (q == NULL) {
				free(p);
				break;
			}
			names = q;
		}
		names[n++] = p;
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_str);
	for (i = 0; i < n; i++) {
		rc |= run_file(names[i]);
		(*count)++;
		free(names[i]);
	}
	free(names);
	return rc;
}

int
main(int argc, char **argv)
{
	size_t count = 0;
	int i, rc = 0;

	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			rc |= run_dir(argv[i], &count);
		else {
			rc |= run_file(argv[i]);
			count++;
		}
	}
	printf("%s: %zu inputs replayed%s\n", argv[0], count,
	    rc ? ", some unreadable" : "");
	return rc;
}
