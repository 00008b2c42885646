#include "eval_filters.h"

#include <Poco/JSON/Array.h>

#include <map>
#include <stdexcept>
#include <string>

#include "coop/query_parser.h"

namespace coop::bench {
namespace {

// True if a browse request filtered on name=value is accepted (some record has the value).
// Only the "unknown value" refusal is expected here; any other error propagates.
bool IndexHas(coop::Searcher& searcher, const std::string& name, const std::string& value) {
  coop::SearchRequest request;
  request.size = 1;
  request.filters[name] = {value};
  try {
    searcher.Search(request);
    return true;
  } catch (const coop::QueryError& e) {
    if (std::string(e.what()).find("no record has it") == std::string::npos) throw;
    return false;
  }
}

// The value of facet `name` held by the most records of the index (the API lists facet values
// by count, most first).
std::string MostCommonValue(coop::Searcher& searcher, const std::string& name) {
  coop::SearchRequest browse;
  browse.size = 1;
  const coop::SearchResult result = searcher.Search(browse);
  for (const coop::FacetResult& f : result.facets) {
    if (f.name == name && !f.values.empty()) return std::string(f.values.front().value);
  }
  throw std::runtime_error("facet " + name + " has no value in this index");
}

}  // namespace

std::size_t FitFacetsToIndex(std::vector<EvalQuery>& queries, coop::Searcher& searcher,
                             std::ostream& log) {
  std::map<std::pair<std::string, std::string>, std::string> fitted;  // (facet, value) -> value
  std::size_t replaced = 0;
  for (EvalQuery& q : queries) {
    for (auto& [name, values] : q.facets) {
      for (std::string& v : values) {
        auto it = fitted.find({name, v});
        if (it == fitted.end()) {
          const std::string to = IndexHas(searcher, name, v) ? v : MostCommonValue(searcher, name);
          it = fitted.emplace(std::make_pair(name, v), to).first;
        }
        if (it->second == v) continue;
        log << q.id << ": " << name << "=" << v << " is in no record of this index; using " << name
            << "=" << it->second << '\n';
        v = it->second;
        ++replaced;
      }
    }
  }
  return replaced;
}

}  // namespace coop::bench
