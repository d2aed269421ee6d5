/*
 * test_escape.c: cmocka tests of lib/escape.c (untrusted text made safe
 * for terminals, HTML and JSON) and lib/json.c (the JSON writer).  Needs no
 * shared data.
 */
#include "tzf_test.h"

static void
expect_text(const char *in, const char *want)
{
	struct tzf_buf b = TZF_BUF_INIT;

	tzf_buf_put_text(&b, in);
	assert_false(b.oom);
	assert_string_equal(b.ptr ? b.ptr : "", want);
	tzf_buf_dispose(&b);
}

static void
expect_json(const char *in, const char *want)
{
	struct tzf_buf b = TZF_BUF_INIT;

	tzf_buf_put_json_str(&b, in);
	assert_false(b.oom);
	assert_string_equal(b.ptr ? b.ptr : "", want);
	tzf_buf_dispose(&b);
}

static void
text_escapes(void **state)
{
	(void)state;
	expect_text("Europe/Oslo", "Europe/Oslo");
	expect_text("Am\xc3\xa9rica/S\xc3\xa3o_Paulo",
	    "Am\xc3\xa9rica/S\xc3\xa3o_Paulo");	/* valid UTF-8 kept */
	expect_text("a\x1b[2Jb", "a\\x1b[2Jb");		/* terminal escape */
	expect_text("tab\there", "tab\\x09here");
	expect_text("nl\n", "nl\\x0a");
	expect_text("back\\slash", "back\\\\slash");
	expect_text("del\x7f", "del\\x7f");
	expect_text("c1\xc2\x9b", "c1\\xc2\\x9b");	/* U+009B, CSI */
	expect_text("bad\xff\xfe", "bad\\xff\\xfe");
	expect_text("overlong\xc0\xaf", "overlong\\xc0\\xaf");
	expect_text("surrogate\xed\xa0\x80", "surrogate\\xed\\xa0\\x80");
	expect_text("cut\xe2\x82", "cut\\xe2\\x82");
	expect_text("ls\xe2\x80\xa8", "ls\\xe2\\x80\\xa8");
	expect_text("", "");
}

static void
html_escapes(void **state)
{
	struct tzf_buf b = TZF_BUF_INIT;

	(void)state;
	tzf_buf_put_html(&b, "X/<b>&\"'\x1b\\\xc3\xa9\xff");
	assert_string_equal(b.ptr, "X/&lt;b&gt;&amp;&quot;&#39;\\x1b\\\\"
	    "\xc3\xa9\\xff");
	tzf_buf_dispose(&b);
}

static void
json_escapes(void **state)
{
	(void)state;
	expect_json(NULL, "null");
	expect_json("", "\"\"");
	expect_json("Europe/Oslo", "\"Europe/Oslo\"");
	expect_json("q\"b\\", "\"q\\\"b\\\\\"");
	expect_json("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"");
	expect_json("\x01\x1b\x7f", "\"\\u0001\\u001b\\u007f\"");
	expect_json("\xc3\xa9", "\"\xc3\xa9\"");
	expect_json("\xc2\x9b", "\"\\u009b\"");
	expect_json("\xe2\x80\xa8", "\"\\u2028\"");
	expect_json("a\xff" "b", "\"a\\ufffdb\"");
	expect_json("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	expect_json("\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"");
}

static void
json_writer(void **state)
{
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_json j;

	(void)state;
	tzf_json_init(&j, &b, false);
	tzf_json_object(&j, NULL);
	tzf_json_int(&j, "schema", 1);
	tzf_json_str(&j, "name", "Europe/Oslo");
	tzf_json_array(&j, "candidates");
	tzf_json_object(&j, NULL);
	tzf_json_bool(&j, "isdst", true);
	tzf_json_null(&j, "abbr");
	tzf_json_end(&j);
	tzf_json_object(&j, NULL);
	tzf_json_end(&j);
	tzf_json_int(&j, NULL, -5);
	tzf_json_end(&j);
	tzf_json_array(&j, "empty");
	tzf_json_end(&j);
	tzf_json_end(&j);
	assert_string_equal(b.ptr, "{\"schema\":1,\"name\":\"Europe/Oslo\","
	    "\"candidates\":[{\"isdst\":true,\"abbr\":null},{},-5],"
	    "\"empty\":[]}");
	tzf_buf_dispose(&b);

	tzf_json_init(&j, &b, true);
	tzf_json_object(&j, NULL);
	tzf_json_array(&j, "a");
	tzf_json_int(&j, NULL, 1);
	tzf_json_int(&j, NULL, 2);
	tzf_json_end(&j);
	tzf_json_end(&j);
	assert_string_equal(b.ptr, "{\n  \"a\": [\n    1,\n    2\n  ]\n}\n");
	tzf_buf_dispose(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_escapes),
		cmocka_unit_test(html_escapes),
		cmocka_unit_test(json_escapes),
		cmocka_unit_test(json_writer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
