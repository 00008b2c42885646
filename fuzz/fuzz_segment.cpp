// Record segmentation and enrichment on arbitrary text (issue 21): SegmentDocument with the
// default facts of an unlisted file, then the Enricher on every record.
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "coop/corpus.h"
#include "coop/enrich.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const coop::Enricher enricher;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const coop::SourceInfo info = coop::DefaultSourceInfo("fuzz.txt", text);
    for (coop::Record& r : coop::SegmentDocument(info, text)) enricher.Enrich(r);
  } catch (const std::exception&) {
    // Refusing input is allowed; a crash or a sanitizer report is not.
  }
  return 0;
}
