/* Products of float rows with GGUF-style block weights, on x86 with AVX2.

torch's 4-bit CPU kernel (`_weight_int4pack_mm_for_cpu`) turns every 4-bit weight into a
float for each input row, so one row (a decoded token) costs as much arithmetic as float32.
Here each input row is rounded to 16-bit integer blocks first (a scale per 32 values), each
weight block is widened to 16-bit integers once for up to ROWS input rows at a time, and
16 weights meet 16 inputs in one exact integer multiply-add instruction.

Rounded to 16 bits, the inputs put the products about 0.003% off, and the embedded model's
greedy text matches the float32 model's on all of the benchmark's task prompts. llama.cpp
rounds inputs to 8 bits (0.75% off; torch's bfloat16 inputs, 0.17%): computed that way, a
prompt's first token differed from float32's wherever two candidates were close, and only
45-61% of the texts matched. A second 8-bit block for what the rounding left is as precise as
16 bits, but takes more instructions: decoding was about 13% slower that way.

Weights are rows of blocks of 32:
  Q4_1: fp16 scale d, fp16 offset m, 16 bytes of 4-bit values q: w = d * q + m,
        the first 16 weights in the low nibbles, the next 16 in the high ones;
  Q8_0: fp16 scale d, 32 signed bytes q: w = d * q.
The AVX2 code runs only where the processor has AVX2, FMA and F16C (`runs_here()` says); the
Python side keeps torch's kernels elsewhere. Every product releases the GIL.

`decode_layer` runs a decoded token's whole pass through a Llama layer (norms, products,
rotation, cache write, attention, SwiGLU), which took as long again as torch calls from Python.
*/
#if !defined(__GNUC__) || !(defined(__x86_64__) || defined(__i386__))
#error "x86 with GCC or Clang only: elsewhere Inkwell runs torch's kernels"
#endif
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <float.h>
#include <immintrin.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define GROUP 32

typedef struct {
    uint16_t d, m;
    uint8_t q[GROUP / 2];
} BlockQ4_1;

typedef struct {
    uint16_t d;
    int8_t q[GROUP];
} BlockQ8_0;

/* An input block: its scale d, 32 values q in 16 bits, and s, the block's sum d * sum(q). */
typedef struct {
    float d, s;
    int16_t q[GROUP];
} InputBlock;

#define AVX2 __attribute__((target("avx2,fma,f16c")))
#define INLINE static inline __attribute__((always_inline))
#define ROWS 4 /* input rows that meet a weight row together, at most */

/* Rounds `count` floats to input blocks (count is a multiple of 32): the largest magnitude
   in each block becomes +-32767. */
static void quantize_row(const float *x, InputBlock *out, Py_ssize_t count) {
    for (Py_ssize_t b = 0; b < count / GROUP; b++, x += GROUP) {
        float largest = 0;
        for (int i = 0; i < GROUP; i++) largest = fmaxf(largest, fabsf(x[i]));
        float d = largest / 32767, inverse = d >= FLT_MIN ? 1 / d : 0; /* 1 / subnormal: inf */
        int sum = 0;
        for (int i = 0; i < GROUP; i++) {
            int v = (int)lrintf(x[i] * inverse);
            out[b].q[i] = (int16_t)v;
            sum += v;
        }
        out[b].d = d;
        out[b].s = d * (float)sum;
    }
}

AVX2 INLINE float horizontal_sum(__m256 v) {
    __m128 r = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    r = _mm_add_ps(r, _mm_movehl_ps(r, r));
    r = _mm_add_ss(r, _mm_movehdup_ps(r));
    return _mm_cvtss_f32(r);
}

/* The formats, as constants the inlined code below is specialised for. */
enum Format { Q4_1, Q8_0 };

/* A weight block's 32 values as two vectors of 16-bit integers, for `block_sums`. */
typedef struct {
    __m256i low, high;
} Weights16;

AVX2 INLINE Weights16 widen(enum Format format, const void *block) {
    Weights16 w;
    if (format == Q4_1) { /* the first 16 weights in the low nibbles, the next 16 high */
        __m128i packed = _mm_loadu_si128((const __m128i *)((const BlockQ4_1 *)block)->q);
        __m128i nibble = _mm_set1_epi8(15);
        w.low = _mm256_cvtepu8_epi16(_mm_and_si128(packed, nibble));
        w.high = _mm256_cvtepu8_epi16(_mm_and_si128(_mm_srli_epi16(packed, 4), nibble));
    } else {
        const int8_t *q = ((const BlockQ8_0 *)block)->q;
        w.low = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)q));
        w.high = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(q + 16)));
    }
    return w;
}

/* A weight block times an input block: 8 sums of 4 integer products each, as floats, to be
   scaled by both blocks' scales. Exact: each sum is at most 4 * 128 * 32767 < 2^24. */
AVX2 INLINE __m256 block_sums(Weights16 w, const InputBlock *input) {
    __m256i low = _mm256_madd_epi16(w.low, _mm256_loadu_si256((const __m256i *)input->q));
    __m256i high = _mm256_madd_epi16(w.high, _mm256_loadu_si256((const __m256i *)(input->q + 16)));
    return _mm256_cvtepi32_ps(_mm256_add_epi32(low, high));
}

AVX2 INLINE const void *block_at(enum Format format, const void *row, Py_ssize_t b) {
    return (const uint8_t *)row + b * (format == Q4_1 ? sizeof(BlockQ4_1) : sizeof(BlockQ8_0));
}

/* Both formats start with the fp16 scale; Q4_1's offset follows it. */
AVX2 INLINE float block_scale(const void *block) { return _cvtsh_ss(*(const uint16_t *)block); }

AVX2 INLINE float block_offset(enum Format format, const void *block) {
    return format == Q4_1 ? _cvtsh_ss(((const BlockQ4_1 *)block)->m) : 0;
}

/* One block's share of a weight row times one input row, into acc and offset. */
AVX2 INLINE void add_block(enum Format format, const void *block, const InputBlock *input,
                           __m256 *acc, float *offset) {
    __m256 sums = block_sums(widen(format, block), input);
    *acc = _mm256_fmadd_ps(sums, _mm256_set1_ps(block_scale(block) * input->d), *acc);
    *offset += block_offset(format, block) * input->s;
}

/* One weight row times one input row, two blocks at a time into two accumulators, so one
   multiply-add need not wait for the last. */
AVX2 INLINE float row_dot(enum Format format, const void *w, const InputBlock *x,
                          Py_ssize_t blocks) {
    __m256 even = _mm256_setzero_ps(), odd = _mm256_setzero_ps();
    float even_offset = 0, odd_offset = 0;
    Py_ssize_t b = 0;
    for (; b + 2 <= blocks; b += 2) {
        add_block(format, block_at(format, w, b), x + b, &even, &even_offset);
        add_block(format, block_at(format, w, b + 1), x + b + 1, &odd, &odd_offset);
    }
    if (b < blocks) add_block(format, block_at(format, w, b), x + b, &even, &even_offset);
    return horizontal_sum(_mm256_add_ps(even, odd)) + even_offset + odd_offset;
}

/* One weight row times `rows` (at most ROWS) input rows, into out[0], out[n], ...: the
   weight blocks are read, and widened, once for all of them. */
AVX2 INLINE void rows_dot(enum Format format, const void *w, const InputBlock *x,
                          Py_ssize_t blocks, int rows, float *out, Py_ssize_t n) {
    __m256 acc[ROWS];
    float offsets[ROWS];
    for (int c = 0; c < rows; c++) acc[c] = _mm256_setzero_ps(), offsets[c] = 0;
    for (Py_ssize_t b = 0; b < blocks; b++) {
        const void *block = block_at(format, w, b);
        Weights16 weights = widen(format, block);
        float scale = block_scale(block), offset = block_offset(format, block);
        for (int c = 0; c < rows; c++) {
            const InputBlock *input = x + c * blocks + b;
            __m256 sums = block_sums(weights, input);
            acc[c] = _mm256_fmadd_ps(sums, _mm256_set1_ps(scale * input->d), acc[c]);
            offsets[c] += offset * input->s;
        }
    }
    for (int c = 0; c < rows; c++) out[c * n] = horizontal_sum(acc[c]) + offsets[c];
}

/* Weight rows [first, last) of out[m, n] = x[m, k] times n weight rows, one weight row at a
   time, so it stays in the cache while every input row meets it. */
AVX2 INLINE void product(enum Format format, float *out, const void *w, const InputBlock *x,
                         Py_ssize_t m, Py_ssize_t n, Py_ssize_t blocks, Py_ssize_t first,
                         Py_ssize_t last) {
    for (Py_ssize_t j = first; j < last; j++) {
        const void *row = block_at(format, w, j * blocks);
        if (m == 1) {
            out[j] = row_dot(format, row, x, blocks);
            continue;
        }
        Py_ssize_t i = 0;
        for (; i + ROWS <= m; i += ROWS)
            rows_dot(format, row, x + i * blocks, blocks, ROWS, out + i * n + j, n);
        switch (m - i) { /* constant row counts, so each case is specialised too */
        case 3: rows_dot(format, row, x + i * blocks, blocks, 3, out + i * n + j, n); break;
        case 2: rows_dot(format, row, x + i * blocks, blocks, 2, out + i * n + j, n); break;
        case 1: rows_dot(format, row, x + i * blocks, blocks, 1, out + i * n + j, n); break;
        }
    }
}

typedef struct Attention Attention;
AVX2 static void attend_part(const Attention *attention, int part, int parts);

/* A product, or a token's attention where `attention` is set, in `parts` parts. */
typedef struct {
    enum Format format;
    float *out;
    const void *weights;
    const InputBlock *x;
    Py_ssize_t m, n, blocks;
    int parts;
    const Attention *attention;
} Job;

AVX2 static void run_part(const Job *job, int part) {
    if (job->attention) {
        attend_part(job->attention, part, job->parts);
        return;
    }
    Py_ssize_t first = job->n * part / job->parts, last = job->n * (part + 1) / job->parts;
    if (job->format == Q4_1)
        product(Q4_1, job->out, job->weights, job->x, job->m, job->n, job->blocks, first, last);
    else
        product(Q8_0, job->out, job->weights, job->x, job->m, job->n, job->blocks, first, last);
}

/* Helper threads for products split by weight rows: `threads` in all, the calling thread
   one of them. Between products a helper spins for a while (a decoded token asks for a
   product about every 0.1 ms) and then sleeps until the next one. */
#define MAX_THREADS 64
#define SPINS 20000 /* pause instructions: 0.3 to 1 ms, by processor */

static struct {
    pthread_mutex_t busy; /* one job at a time, whichever thread asks */
    pthread_mutex_t lock; /* for sleeping helpers */
    pthread_cond_t wake;
    Job job;
    atomic_uint round;  /* a new job each time this moves on */
    atomic_int pending; /* helpers yet to finish this round (every helper answers every one) */
    atomic_int sleepers;
    int helpers;
    unsigned first_round[MAX_THREADS]; /* the round each helper was started in, done */
} pool = {.busy = PTHREAD_MUTEX_INITIALIZER,
          .lock = PTHREAD_MUTEX_INITIALIZER,
          .wake = PTHREAD_COND_INITIALIZER};

static void *helper(void *arg) {
    int part = (int)(intptr_t)arg;
    unsigned seen = pool.first_round[part]; /* not the round now: it may have moved on */
    for (;;) {
        unsigned round = atomic_load(&pool.round);
        for (int spin = 0; round == seen && spin < SPINS; spin++) {
            _mm_pause();
            round = atomic_load(&pool.round);
        }
        if (round == seen) {
            pthread_mutex_lock(&pool.lock);
            atomic_fetch_add(&pool.sleepers, 1);
            while ((round = atomic_load(&pool.round)) == seen)
                pthread_cond_wait(&pool.wake, &pool.lock);
            atomic_fetch_sub(&pool.sleepers, 1);
            pthread_mutex_unlock(&pool.lock);
        }
        seen = round;
        /* The round cannot move on until every helper has answered: the job stays put. */
        if (part < pool.job.parts) run_part(&pool.job, part);
        atomic_fetch_sub(&pool.pending, 1);
    }
    return NULL;
}

/* A process forked from this one has none of the helpers. */
static void forget_helpers(void) {
    pthread_mutex_init(&pool.busy, NULL);
    pthread_mutex_init(&pool.lock, NULL);
    pthread_cond_init(&pool.wake, NULL);
    atomic_store(&pool.sleepers, 0);
    pool.helpers = 0;
}

/* Runs the job in `parts` parts, the calling thread doing the first; fewer where helpers
   cannot be started. Holds pool.busy. */
static void run_pooled(Job *job) {
    while (pool.helpers < job->parts - 1) {
        pthread_t thread;
        pool.first_round[pool.helpers + 1] = atomic_load(&pool.round);
        if (pthread_create(&thread, NULL, helper, (void *)(intptr_t)(pool.helpers + 1))) break;
        pthread_detach(thread);
        pool.helpers++;
    }
    if (job->parts > pool.helpers + 1) job->parts = pool.helpers + 1;
    if (job->parts == 1) {
        run_part(job, 0);
        return;
    }
    pool.job = *job;
    atomic_store(&pool.pending, pool.helpers);
    atomic_fetch_add(&pool.round, 1);
    if (atomic_load(&pool.sleepers)) {
        pthread_mutex_lock(&pool.lock);
        pthread_cond_broadcast(&pool.wake);
        pthread_mutex_unlock(&pool.lock);
    }
    run_part(job, 0);
    while (atomic_load(&pool.pending)) _mm_pause();
}

static void run_job(Job *job) {
    pthread_mutex_lock(&pool.busy);
    run_pooled(job);
    pthread_mutex_unlock(&pool.busy);
}

static int runs_avx2, threads = 1;

/* out[m, n] = x[m, k] times n weight rows, `inputs` room for x's blocks. Without the GIL. */
static void multiply(enum Format format, float *out, const void *weights, const float *x,
                     Py_ssize_t m, Py_ssize_t n, Py_ssize_t k, InputBlock *inputs) {
    Py_ssize_t blocks = k / GROUP;
    /* Parts of at least 64 weight rows: smaller ones cost more to hand out than they save. */
    Py_ssize_t parts = n / 64 < threads ? n / 64 : threads;
    Job job = {format, out, weights, inputs, m, n, blocks,
               (int)(parts < 1 ? 1 : parts > MAX_THREADS ? MAX_THREADS : parts), NULL};
    for (Py_ssize_t i = 0; i < m; i++) quantize_row(x + i * k, inputs + i * blocks, k);
    run_job(&job);
}

static int check_avx2(void) {
    if (!runs_avx2) PyErr_SetString(PyExc_RuntimeError, "this processor lacks AVX2, FMA or F16C");
    return runs_avx2;
}

static PyObject *run_product(PyObject *args, enum Format format) {
    Py_ssize_t out, weights, x, m, n, k;
    if (!PyArg_ParseTuple(args, "nnnnnn", &out, &weights, &x, &m, &n, &k)) return NULL;
    if (!check_avx2()) return NULL;
    if (m < 0 || n < 0 || k < 0 || k % GROUP) {
        PyErr_SetString(PyExc_ValueError, "sizes must not be negative, columns in 32s");
        return NULL;
    }
    InputBlock *inputs = PyMem_RawMalloc(sizeof(InputBlock) * (size_t)(k / GROUP * m + 1));
    if (!inputs) return PyErr_NoMemory();
    Py_BEGIN_ALLOW_THREADS;
    multiply(format, (float *)out, (const void *)weights, (const float *)x, m, n, k, inputs);
    Py_END_ALLOW_THREADS;
    PyMem_RawFree(inputs);
    Py_RETURN_NONE;
}

/* One decoded token's pass through a Llama layer: at one row, the layer's dozen small
   operations between the products cost as much as the products when each is a torch call
   from Python, so they are done here, as the Python pass (`_layer_pass`) does them. */

/* e^x to about 2 ulp (Cephes' expf), x clamped to [-87, 88]: e^-87 is 1.6e-38. */
AVX2 INLINE __m256 exp8(__m256 x) {
    x = _mm256_max_ps(_mm256_min_ps(x, _mm256_set1_ps(88.0f)), _mm256_set1_ps(-87.0f));
    __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)),
                               _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x); /* ln 2 in two parts */
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
    __m256 p = _mm256_set1_ps(1.9875691500e-4f);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.3981999507e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(8.3334519073e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(4.1665795894e-2f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.6666665459e-1f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(5.0000001201e-1f));
    p = _mm256_fmadd_ps(p, _mm256_mul_ps(r, r), _mm256_add_ps(r, _mm256_set1_ps(1.0f)));
    __m256i exponent = _mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127));
    return _mm256_mul_ps(p, _mm256_castsi256_ps(_mm256_slli_epi32(exponent, 23))); /* p 2^n */
}

AVX2 static float dot(const float *a, const float *b, Py_ssize_t n) {
    __m256 acc = _mm256_setzero_ps();
    Py_ssize_t i = 0;
    for (; i + 8 <= n; i += 8)
        acc = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), acc);
    float sum = horizontal_sum(acc);
    for (; i < n; i++) sum += a[i] * b[i];
    return sum;
}

/* out += p * v */
AVX2 static void add_scaled(float *out, float p, const float *v, Py_ssize_t n) {
    Py_ssize_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(out + i, _mm256_fmadd_ps(_mm256_set1_ps(p), _mm256_loadu_ps(v + i),
                                                  _mm256_loadu_ps(out + i)));
    for (; i < n; i++) out[i] += p * v[i];
}

/* Llama's RMSNorm, as `_rms_norm`: x * (1 / sqrt(mean(x^2) + eps)) * weight. */
static void rms_norm(float *out, const float *x, const float *weight, Py_ssize_t n, float eps) {
    double squares = 0;
    for (Py_ssize_t i = 0; i < n; i++) squares += (double)x[i] * x[i];
    float scale = 1 / sqrtf((float)(squares / (double)n) + eps);
    for (Py_ssize_t i = 0; i < n; i++) out[i] = x[i] * scale * weight[i];
}

/* Each adjacent pair (a, b) of x turned by (cos, sin) from `rotation`'s pairs, per head. */
static void rotate(float *x, const float *rotation, Py_ssize_t heads, Py_ssize_t head_dim) {
    for (Py_ssize_t h = 0; h < heads; h++, x += head_dim)
        for (Py_ssize_t i = 0; i < head_dim; i += 2) {
            float a = x[i], b = x[i + 1], c = rotation[i], s = rotation[i + 1];
            x[i] = a * c - b * s;
            x[i + 1] = a * s + b * c;
        }
}

/* softmax(scores[0..n)) in place. */
AVX2 static void softmax(float *scores, Py_ssize_t n) {
    float largest = -INFINITY, total = 0;
    for (Py_ssize_t t = 0; t < n; t++) largest = fmaxf(largest, scores[t]);
    Py_ssize_t t = 0;
    __m256 sum = _mm256_setzero_ps();
    for (; t + 8 <= n; t += 8) {
        __m256 e = exp8(_mm256_sub_ps(_mm256_loadu_ps(scores + t), _mm256_set1_ps(largest)));
        _mm256_storeu_ps(scores + t, e);
        sum = _mm256_add_ps(sum, e);
    }
    for (; t < n; t++) total += scores[t] = expf(scores[t] - largest);
    total += horizontal_sum(sum);
    for (t = 0; t < n; t++) scores[t] /= total;
}

/* out = gate * sigmoid(gate) * up: SwiGLU. */
AVX2 static void silu_times(float *out, const float *gate, const float *up, Py_ssize_t n) {
    Py_ssize_t i = 0;
    const __m256 one = _mm256_set1_ps(1);
    for (; i + 8 <= n; i += 8) {
        __m256 g = _mm256_loadu_ps(gate + i);
        __m256 e = exp8(_mm256_sub_ps(_mm256_setzero_ps(), g));
        __m256 silu = _mm256_div_ps(g, _mm256_add_ps(one, e));
        _mm256_storeu_ps(out + i, _mm256_mul_ps(silu, _mm256_loadu_ps(up + i)));
    }
    for (; i < n; i++) out[i] = gate[i] / (1 + expf(-gate[i])) * up[i];
}

typedef struct {
    Py_ssize_t hidden, ffn, heads, kv_heads, head_dim;
    float eps;
} Shape;

/* The layer's weights, in `_LayerStep`'s order: addresses of the two norms' float weights and
   the four products' Q4_1 rows (q, k, v stacked; gate, up stacked). */
typedef struct {
    const float *attn_norm;
    const void *qkv, *out;
    const float *ffn_norm;
    const void *gate_up, *down;
} Weights;

/* Scaled dot-product attention of one token's query heads q over keys and values [kv_heads,
   capacity, head_dim] at positions 0..length-1, query head h reading kv head h / group; each
   head's scores in its own row of `scores` [heads, length]. */
struct Attention {
    float *out, *scores;
    const float *q, *keys, *values;
    Py_ssize_t capacity, length;
    const Shape *shape;
};

#define SHARING 4 /* query heads that read a key or value together, at most */

/* Query heads [first, first + count) of one kv head: each key and value is read from memory
   once for all of them (a long context's cache does not fit the processor's caches). */
AVX2 static void attend_heads(const Attention *a, Py_ssize_t first, int count) {
    Py_ssize_t d = a->shape->head_dim, group = a->shape->heads / a->shape->kv_heads;
    const float *keys = a->keys + first / group * a->capacity * d;
    const float *values = a->values + first / group * a->capacity * d;
    float scale = 1 / sqrtf((float)d), *scores = a->scores + first * a->length;
    const float *q = a->q + first * d;
    float *out = a->out + first * d;
    for (Py_ssize_t t = 0; t < a->length; t++)
        for (int j = 0; j < count; j++)
            scores[j * a->length + t] = dot(q + j * d, keys + t * d, d) * scale;
    for (int j = 0; j < count; j++) softmax(scores + j * a->length, a->length);
    if (d % 16) { /* in memory, a value row at a time */
        memset(out, 0, sizeof(float) * (size_t)(count * d));
        for (Py_ssize_t t = 0; t < a->length; t++)
            for (int j = 0; j < count; j++)
                add_scaled(out + j * d, scores[j * a->length + t], values + t * d, d);
        return;
    }
    for (Py_ssize_t c = 0; c < d; c += 16) { /* 16 columns of every head's sum in registers */
        __m256 sums[SHARING][2];
        for (int j = 0; j < count; j++) sums[j][0] = sums[j][1] = _mm256_setzero_ps();
        for (Py_ssize_t t = 0; t < a->length; t++) {
            const float *v = values + t * d + c;
            __m256 low = _mm256_loadu_ps(v), high = _mm256_loadu_ps(v + 8);
            for (int j = 0; j < count; j++) {
                __m256 p = _mm256_set1_ps(scores[j * a->length + t]);
                sums[j][0] = _mm256_fmadd_ps(p, low, sums[j][0]);
                sums[j][1] = _mm256_fmadd_ps(p, high, sums[j][1]);
            }
        }
        for (int j = 0; j < count; j++) {
            _mm256_storeu_ps(out + j * d + c, sums[j][0]);
            _mm256_storeu_ps(out + j * d + c + 8, sums[j][1]);
        }
    }
}

/* Part `part` of `parts` of the query heads, in runs that share a kv head. */
AVX2 static void attend_part(const Attention *a, int part, int parts) {
    Py_ssize_t heads = a->shape->heads, group = heads / a->shape->kv_heads;
    Py_ssize_t h = heads * part / parts, last = heads * (part + 1) / parts;
    while (h < last) {
        Py_ssize_t end = (h / group + 1) * group;
        end = end < last ? end : last;
        int count = (int)(end - h < SHARING ? end - h : SHARING);
        attend_heads(a, h, count);
        h += count;
    }
}

/* Split over threads once it is worth handing out: a 9-head model from about 100 tokens. */
#define ATTENTION_PER_PART 65536

static void attend(Attention *a) {
    Py_ssize_t work = a->length * a->shape->heads * a->shape->head_dim;
    Py_ssize_t parts = work / ATTENTION_PER_PART;
    parts = parts < threads ? parts : threads;
    parts = parts < a->shape->heads ? parts : a->shape->heads;
    Job job = {.parts = (int)(parts < 1 ? 1 : parts > MAX_THREADS ? MAX_THREADS : parts),
               .attention = a};
    run_job(&job);
}

AVX2 static void layer_step(float *x, const Weights *w, float *cache, Py_ssize_t capacity,
                            Py_ssize_t position, const float *rotation, const Shape *s,
                            float *scratch, InputBlock *inputs) {
    Py_ssize_t d = s->head_dim, q_size = s->heads * d, kv_size = s->kv_heads * d;
    float *h = scratch, *qkv = h + s->hidden, *attended = qkv + q_size + 2 * kv_size;
    float *gate_up = attended + q_size, *scores = gate_up + 2 * s->ffn; /* [heads, position + 1] */
    float *keys = cache, *values = cache + s->kv_heads * capacity * d;

    rms_norm(h, x, w->attn_norm, s->hidden, s->eps);
    multiply(Q4_1, qkv, w->qkv, h, 1, q_size + 2 * kv_size, s->hidden, inputs);
    rotate(qkv, rotation, s->heads + s->kv_heads, d);
    size_t head_bytes = sizeof(float) * (size_t)d;
    for (Py_ssize_t g = 0; g < s->kv_heads; g++) {
        memcpy(keys + (g * capacity + position) * d, qkv + q_size + g * d, head_bytes);
        memcpy(values + (g * capacity + position) * d, qkv + q_size + kv_size + g * d, head_bytes);
    }
    Attention attention = {attended, scores, qkv, keys, values, capacity, position + 1, s};
    attend(&attention);
    multiply(Q4_1, h, w->out, attended, 1, s->hidden, q_size, inputs);
    for (Py_ssize_t i = 0; i < s->hidden; i++) x[i] += h[i];

    rms_norm(h, x, w->ffn_norm, s->hidden, s->eps);
    multiply(Q4_1, gate_up, w->gate_up, h, 1, 2 * s->ffn, s->hidden, inputs);
    silu_times(gate_up, gate_up, gate_up + s->ffn, s->ffn);
    multiply(Q4_1, h, w->down, gate_up, 1, s->hidden, s->ffn, inputs);
    for (Py_ssize_t i = 0; i < s->hidden; i++) x[i] += h[i];
}

static PyObject *decode_layer(PyObject *self, PyObject *args) {
    (void)self;
    Py_ssize_t x, weights, cache, capacity, position, rotation;
    Shape s;
    if (!PyArg_ParseTuple(args, "nnnnnn(nnnnnf)", &x, &weights, &cache, &capacity, &position,
                          &rotation, &s.hidden, &s.ffn, &s.heads, &s.kv_heads, &s.head_dim,
                          &s.eps))
        return NULL;
    if (!check_avx2()) return NULL;
    if (s.hidden <= 0 || s.ffn <= 0 || s.heads <= 0 || s.kv_heads <= 0 || s.head_dim <= 0 ||
        s.hidden % GROUP || s.ffn % GROUP || s.heads * s.head_dim % GROUP ||
        s.heads % s.kv_heads || s.head_dim % 2 || position < 0 || position >= capacity) {
        PyErr_SetString(PyExc_ValueError, "not a shape this step runs");
        return NULL;
    }
    Py_ssize_t q_size = s.heads * s.head_dim, widest = s.hidden > q_size ? s.hidden : q_size;
    widest = widest > s.ffn ? widest : s.ffn;
    size_t floats = (size_t)(s.hidden + 2 * q_size + 2 * s.kv_heads * s.head_dim + 2 * s.ffn +
                             s.heads * (position + 1));
    float *scratch = PyMem_RawMalloc(sizeof(float) * floats);
    InputBlock *inputs = PyMem_RawMalloc(sizeof(InputBlock) * (size_t)(widest / GROUP));
    if (!scratch || !inputs) {
        PyMem_RawFree(scratch);
        PyMem_RawFree(inputs);
        return PyErr_NoMemory();
    }
    Py_BEGIN_ALLOW_THREADS;
    layer_step((float *)x, (const Weights *)weights, (float *)cache, capacity, position,
               (const float *)rotation, &s, scratch, inputs);
    Py_END_ALLOW_THREADS;
    PyMem_RawFree(scratch);
    PyMem_RawFree(inputs);
    Py_RETURN_NONE;
}

static PyObject *q4_1_product(PyObject *self, PyObject *args) {
    (void)self;
    return run_product(args, Q4_1);
}

static PyObject *q8_0_product(PyObject *self, PyObject *args) {
    (void)self;
    return run_product(args, Q8_0);
}

static PyObject *set_threads(PyObject *self, PyObject *count) {
    (void)self;
    long wanted = PyLong_AsLong(count);
    if (wanted == -1 && PyErr_Occurred()) return NULL;
    threads = wanted < 1 ? 1 : wanted > MAX_THREADS ? MAX_THREADS : (int)wanted;
    Py_RETURN_NONE;
}

static PyObject *runs_here(PyObject *self, PyObject *unused) {
    (void)self, (void)unused;
    return PyBool_FromLong(runs_avx2);
}

#define PRODUCT_DOC(kind) \
    #kind "_product(out, weights, x, m, n, k): out[m, n] = x[m, k] times n " #kind " rows (addresses)"

static PyMethodDef methods[] = {
    {"q4_1_product", q4_1_product, METH_VARARGS, PRODUCT_DOC(q4_1)},
    {"q8_0_product", q8_0_product, METH_VARARGS, PRODUCT_DOC(q8_0)},
    {"decode_layer", decode_layer, METH_VARARGS,
     "decode_layer(x, weights, cache, capacity, position, rotation, shape): one token's pass "
     "through a layer, x updated in place (addresses; see quantized_llama._LayerStep)"},
    {"set_threads", set_threads, METH_O, "The threads products run on from now, at least 1."},
    {"runs_here", runs_here, METH_NOARGS, "Whether this processor has AVX2, FMA and F16C."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, .m_name = "_block_kernels", .m_size = -1, .m_methods = methods};

PyMODINIT_FUNC PyInit__block_kernels(void) {
    __builtin_cpu_init();
    runs_avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
                __builtin_cpu_supports("f16c");
    pthread_atfork(NULL, NULL, forget_helpers);
    return PyModule_Create(&module);
}
