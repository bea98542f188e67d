// Wall-clock limits in tests catch hangs and quadratic blow-ups, not slow
// machines. Sanitizer builds run the same code several times slower (ASan at
// -O1, UBSan checks, unoptimised inlining), so every absolute limit goes
// through time_limit(): CMake sets DD_TEST_TIME_SCALE for those builds.
// Ratios between two timings of the same build need no scaling.
#pragma once

namespace dd::test {

#ifdef DD_TEST_TIME_SCALE
inline constexpr double kTimeScale = DD_TEST_TIME_SCALE;
#else
inline constexpr double kTimeScale = 1.0;
#endif

constexpr double time_limit(double seconds) {
  return seconds * kTimeScale;
}

}  // namespace dd::test
