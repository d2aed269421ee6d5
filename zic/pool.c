/*
 * pool.c: the writer threads of zic (see pool.h).  A plain queue under
 * one mutex; with no threads requested, files are written inline.
 *
 * Writing a file costs about as much as compiling one, so the writers
 * can fall behind; past BACKLOG queued files the caller writes the file
 * in hand itself, and the threads share the writing.
 */
#define BACKLOG 4
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "pool.h"
#include "tzforge.h"

#define MAX_THREADS 8

struct job {
	struct job *next;
	char *name;
	void *data;
	size_t len;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
static struct job *head, *tail;
static size_t queued;
static bool closing;
static pool_write_fn *writer;
static pthread_t threads[MAX_THREADS];
static int nthreads;

static void
run_job(struct job *j)
{
	writer(j->name, j->data, j->len);
	free(j->name);
	tzf_free(j->data);	/* a tzf_buf from the library */
	free(j);
}

static void *
worker(void *arg)
{
	(void)arg;
	for (;;) {
		struct job *j;

		pthread_mutex_lock(&lock);
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
		run_job(j);
	}
}

void
pool_start(int n, pool_write_fn *write)
{
	writer = write;
	if (n > MAX_THREADS)
		n = MAX_THREADS;
	for (nthreads = 0; nthreads < n; nthreads++)
		if (pthread_create(&threads[nthreads], NULL, worker, NULL) != 0)
			break;
}

void
pool_put(char *name, void *data, size_t len)
{
	struct job *j = malloc(sizeof *j);

	if (j == NULL) {
		fprintf(stderr, "zic: Memory exhausted\n");
		exit(EXIT_FAILURE);
	}
	j->next = NULL;
	j->name = name;
	j->data = data;
	j->len = len;
	if (nthreads == 0) {
		run_job(j);
		return;
	}
	pthread_mutex_lock(&lock);
	if (queued >= BACKLOG) {
		pthread_mutex_unlock(&lock);
		run_job(j);
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
	int i;

	pthread_mutex_lock(&lock);
	closing = true;
	pthread_cond_broadcast(&ready);
	pthread_mutex_unlock(&lock);
	for (i = 0; i < nthreads; i++)
		pthread_join(threads[i], NULL);
	nthreads = 0;
}
