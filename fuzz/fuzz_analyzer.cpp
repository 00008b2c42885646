// The French analyzer on arbitrary bytes (issue 21): no crash, no sanitizer report, and every
// token's term non-empty.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "coop/analyzer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static coop::Analyzer analyzer;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const coop::Token& t : analyzer.Analyze(text)) {
    if (t.term.empty()) std::abort();
  }
  analyzer.Fold(text);
  return 0;
}
