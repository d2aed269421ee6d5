/*
 * pool.c: the writer threads of zic (see pool.h).  A plain queue under
 * one mutex; with no threads requested, files are written inline.
 *
 * Writing a file costs about as much as compiling one, so the writers
 * can fall behind; past BACKLOG queued files the caller writes the file
 * in hand itself, and the threads share the writing.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "pool.h"
#include "zic.h"

#define MAX_THREADS 8
#define BACKLOG 16

struct job {
	struct job *next;
	const char *name;
	struct tzf_buf buf;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
static struct job *head, *tail;	/* queued */
static struct job *spare;	/* written, to be reused */
static size_t queued;
static bool closing;
static pool_write_fn *writer;
static pthread_t threads[MAX_THREADS];
static int nthreads;
static _Thread_local bool on_worker;	/* this thread is one of ours */

/* The job whose buffer BUF is. */
static struct job *
job_of(struct tzf_buf *buf)
{
	return (struct job *)((char *)buf - offsetof(struct job, buf));
}

/* Put J on the spare list; the caller holds the lock. */
static void
recycle(struct job *j)
{
	tzf_buf_reset(&j->buf);
	j->buf.oom = false;
	j->next = spare;
	spare = j;
}

static void
write_job(struct job *j)
{
	writer(j->name, j->buf.ptr, j->buf.len);
}

static void *
worker(void *arg)
{
	struct job *done = NULL;

	(void)arg;
	on_worker = true;
	for (;;) {
		struct job *j;

		pthread_mutex_lock(&lock);
		if (done != NULL)
			recycle(done);
		while (head == NULL && !closing)
			pthread_cond_wait(&ready, &lock);
		j = head;
		if (j != NULL) {
			queued--;
			head = j->next;
			if (head == NULL)
				tail = NULL;
		}
		pthread_mutex_unlock(&lock);
		if (j == NULL)
			return NULL;
		write_job(j);
		done = j;
	}
}

void
pool_finish_unless_worker(void)
{
	if (!on_worker)
		pool_finish();
}

/* The exits that do not go through die(): see pool.h. */
static void
finish_at_exit(void)
{
	pool_finish_unless_worker();
}

void
pool_start(int n, pool_write_fn *write)
{
	static bool registered;

	if (!registered && atexit(finish_at_exit) == 0)
		registered = true;
	writer = write;
	if (n > MAX_THREADS)
		n = MAX_THREADS;
	for (nthreads = 0; nthreads < n; nthreads++)
		if (pthread_create(&threads[nthreads], NULL, worker, NULL) != 0)
			break;
}

struct tzf_buf *
pool_buffer(void)
{
	struct job *j;

	pthread_mutex_lock(&lock);
	j = spare;
	if (j != NULL)
		spare = j->next;
	pthread_mutex_unlock(&lock);
	if (j == NULL) {
		j = malloc(sizeof *j);
		if (j == NULL)
			die("Memory exhausted");
		j->buf = (struct tzf_buf)TZF_BUF_INIT;
	}
	j->next = NULL;
	return &j->buf;
}

void
pool_put(const char *name, struct tzf_buf *buf)
{
	struct job *j = job_of(buf);

	j->name = name;
	pthread_mutex_lock(&lock);
	if (nthreads == 0 || queued >= BACKLOG) {
		pthread_mutex_unlock(&lock);
		write_job(j);
		pthread_mutex_lock(&lock);
		recycle(j);
		pthread_mutex_unlock(&lock);
		return;
	}
	queued++;
	if (tail != NULL)
		tail->next = j;
	else
		head = j;
	tail = j;
	pthread_cond_signal(&ready);
	pthread_mutex_unlock(&lock);
}

void
pool_finish(void)
{
	struct job *j;
	int i;

	pthread_mutex_lock(&lock);
	closing = true;
	pthread_cond_broadcast(&ready);
	pthread_mutex_unlock(&lock);
	for (i = 0; i < nthreads; i++)
		pthread_join(threads[i], NULL);
	nthreads = 0;
	while ((j = spare) != NULL) {
		spare = j->next;
		tzf_buf_dispose(&j->buf);
		free(j);
	}
}
