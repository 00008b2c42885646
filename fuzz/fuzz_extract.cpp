// The document readers on arbitrary bytes (issue 21): the first byte picks the name the bytes
// come with (its extension guides detection), the rest are the file. Refusals are exceptions
// (std::exception); anything else is a finding.
#include <cstdint>
#include <exception>
#include <string_view>

#include "coop/extract.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const char* const kNames[] = {"a.txt", "a.md", "a.pdf", "a.docx", "a.odt", "a.html"};
  const std::string_view name = kNames[data[0] % 6];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  coop::ExtractLimits limits;
  try {
    coop::ExtractBytes(bytes, name, limits);
  } catch (const std::exception&) {
  }
  return 0;
}
