// A small pool of threads for the lint run: `--jobs N` lints files in
// parallel, and the caller stores each result at its index, so the output
// order never depends on which thread finished first.
#pragma once

#include <cstddef>
#include <functional>

namespace dd {

// The default for `--jobs`: the cores the machine reports, at least 1.
unsigned default_jobs();

// Calls `fn(i)` for every i in [0, count), on up to `jobs` threads (the
// calling thread is one of them). Indices are handed out one at a time in
// increasing order, so a slow file does not hold up a whole chunk. With
// jobs <= 1 or count <= 1 everything runs on the calling thread, in order.
// If `fn` throws, the remaining indices are skipped and the first exception
// is rethrown on the calling thread once every thread has stopped.
void parallel_for(size_t count, unsigned jobs, const std::function<void(size_t)>& fn);

}  // namespace dd
