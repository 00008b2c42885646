// Query string -> search (issue 21): ParseQuery on arbitrary bytes, and when COOP_FUZZ_INDEX
// names an index (scripts/fuzz.sh builds one of corpus/), the whole Searcher::Search. Bad
// queries are QueryError; index errors would be findings.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "coop/query_parser.h"
#include "coop/searcher.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static coop::Analyzer analyzer;
  static std::unique_ptr<coop::Searcher> searcher = [] {
    const char* index = std::getenv("COOP_FUZZ_INDEX");
    return index ? std::make_unique<coop::Searcher>(index) : nullptr;
  }();
  const std::string q(reinterpret_cast<const char*>(data), size);
  try {
    coop::ParseQuery(analyzer, q);
  } catch (const coop::QueryError&) {
  }
  if (searcher) {
    coop::SearchRequest req;
    req.q = q;
    try {
      searcher->Search(req);
    } catch (const coop::QueryError&) {
    }
  }
  return 0;
}
