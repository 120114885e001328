// jemalloc (Debian: libjemalloc-dev) takes the place of the C library's malloc in the `spotcheck` executable,
// which links it. Only what SpotCheck calls is declared here (<jemalloc/jemalloc.h> declares malloc and free
// again): jemalloc's control interface, and the usable size of a block, which jemalloc and glibc both give.
#include <stddef.h>
int mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen);
size_t malloc_usable_size(void *ptr);
