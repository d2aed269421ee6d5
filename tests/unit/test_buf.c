/*
 * test_buf.c: cmocka tests of lib/buf.c, the growable buffer: its
 * pointer is never NULL (a shared empty string until the first
 * allocation), tzf_buf_reset empties it and keeps the memory,
 * tzf_buf_detach hands the string over.  Needs no shared data.
 */
#include "tzf_test.h"

static void
empty_buffer_is_a_string(void **state)
{
	struct tzf_buf b = TZF_BUF_INIT;

	(void)state;
	assert_non_null(b.ptr);
	assert_string_equal(b.ptr, "");
	tzf_buf_add(&b, "", 0);
	assert_false(b.oom);
	assert_string_equal(b.ptr, "");
	tzf_buf_dispose(&b);
	assert_ptr_equal(b.ptr, tzf_buf_empty);
	tzf_buf_dispose(&b);	/* twice is harmless */
}

static void
reset_keeps_memory(void **state)
{
	struct tzf_buf b = TZF_BUF_INIT;
	char *mem;
	size_t cap;

	(void)state;
	tzf_buf_puts(&b, "Europe/Oslo");
	mem = b.ptr;
	cap = b.cap;
	tzf_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.ptr, "");
	assert_ptr_equal(b.ptr, mem);
	assert_int_equal(b.cap, cap);
	tzf_buf_puts(&b, "CET");
	assert_string_equal(b.ptr, "CET");
	tzf_buf_dispose(&b);
	tzf_buf_reset(&b);	/* on an unallocated buffer too */
	assert_string_equal(b.ptr, "");
}

static void
detach_hands_over(void **state)
{
	struct tzf_buf b = TZF_BUF_INIT;
	char *s;

	(void)state;
	tzf_buf_printf(&b, "%s %d", "2026c", 1);
	s = tzf_buf_detach(&b);
	assert_string_equal(s, "2026c 1");
	assert_ptr_equal(b.ptr, tzf_buf_empty);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	tzf_free(s);
	s = tzf_buf_detach(&b);	/* never allocated: a new "" */
	assert_non_null(s);
	assert_string_equal(s, "");
	assert_ptr_not_equal(s, tzf_buf_empty);
	tzf_free(s);
	tzf_buf_puts(&b, "lost");
	b.oom = true;
	assert_null(tzf_buf_detach(&b));
	assert_ptr_equal(b.ptr, tzf_buf_empty);
	assert_false(b.oom);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_buffer_is_a_string),
		cmocka_unit_test(reset_keeps_memory),
		cmocka_unit_test(detach_hands_over),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
