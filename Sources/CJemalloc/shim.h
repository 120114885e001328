// jemalloc (Debian: libjemalloc-dev) takes the place of the C library's malloc in the `spotcheck` executable,
// which links it. Only its control interface is declared here: <jemalloc/jemalloc.h> declares malloc and free again.
#include <stddef.h>
int mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen);
