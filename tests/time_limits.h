// Wall-clock limits in tests catch hangs and quadratic blow-ups, not slow
// machines. Sanitizer builds run the same code several times slower (ASan at
// -O1, UBSan checks), so every absolute limit goes through time_limit().
// The compilers say when they instrument (gcc: __SANITIZE_ADDRESS__, clang:
// __has_feature), so no build option has to be kept in step with this file.
// Ratios between two timings of the same build need no scaling.
#pragma once

#if defined(__SANITIZE_ADDRESS__)
#define DD_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define DD_TEST_SANITIZED 1
#endif
#endif

namespace dd::test {

#ifdef DD_TEST_SANITIZED
inline constexpr double kTimeScale = 10.0;
#else
inline constexpr double kTimeScale = 1.0;
#endif

constexpr double time_limit(double seconds) {
  return seconds * kTimeScale;
}

}  // namespace dd::test
