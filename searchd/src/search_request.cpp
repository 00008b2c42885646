#include "coop/search_request.h"

#include <Poco/NumberParser.h>

#include "coop/query_parser.h"
#include "coop/schema.h"

namespace coop {
namespace {

bool IsFacet(const std::string& name) {
  for (const schema::Facet& f : schema::kFacets) {
    if (f.name == name) return true;
  }
  return false;
}

// The roles of coop::Partner::role (issue 15).
bool IsRole(const std::string& v) {
  return v == "partner" || v == "funder" || v == "operator" || v == "network";
}

int IntParameter(const std::string& name, const std::string& value) {
  int n = 0;
  if (!Poco::NumberParser::tryParse(value, n)) {
    throw QueryError(name + " must be an integer, got '" + value.substr(0, 40) + "'");
  }
  return n;
}

}  // namespace

void ValidateSearchRequest(const SearchRequest& request) {
  if (request.page < 1 || request.page > kMaxPage) {
    throw QueryError("page must be between 1 and " + std::to_string(kMaxPage));
  }
  if (request.size < 1 || request.size > kMaxPageSize) {
    throw QueryError("size must be between 1 and " + std::to_string(kMaxPageSize));
  }
  if (request.sort != "relevance" && request.sort != "date") {
    throw QueryError("sort must be 'relevance' or 'date'");
  }
  for (const int year : {request.year_from, request.year_to}) {
    if (year != 0 && (year < kMinYear || year > kMaxYear)) {
      throw QueryError("year_from and year_to must be years between " + std::to_string(kMinYear) +
                       " and " + std::to_string(kMaxYear) + ", got " + std::to_string(year));
    }
  }
  if (request.year_from != 0 && request.year_to != 0 && request.year_from > request.year_to) {
    throw QueryError("year_from (" + std::to_string(request.year_from) + ") is after year_to (" +
                     std::to_string(request.year_to) + ")");
  }
  for (const auto& [name, values] : request.filters) {
    if (!IsFacet(name)) throw QueryError("unknown facet '" + name + "'");
    for (const std::string& v : values) {
      if (v.empty() || v.size() > kMaxFilterBytes) {
        throw QueryError(name + " value must be 1 to " + std::to_string(kMaxFilterBytes) +
                         " bytes long");
      }
      if (name == "role" && !IsRole(v)) {
        throw QueryError("role must be partner, funder, operator or network, got '" +
                         v.substr(0, 40) + "'");
      }
    }
  }
}

const std::set<std::string>& SearchParameterNames() {
  static const std::set<std::string> names = [] {
    std::set<std::string> n = {"q", "page", "size", "sort", "correct", "year_from", "year_to"};
    for (const schema::Facet& f : schema::kFacets) n.emplace(f.name);
    return n;
  }();
  return names;
}

SearchRequest ParseSearchParameters(const std::map<std::string, std::vector<std::string>>& params) {
  SearchRequest req;
  for (const auto& [name, values] : params) {
    if (!SearchParameterNames().count(name)) {
      throw QueryError("unknown parameter '" + name.substr(0, 60) + "'");
    }
    if (name == "correct") {
      if (values.size() > 1 || (values[0] != "0" && values[0] != "1")) {
        throw QueryError("correct must be 0 or 1, once");
      }
      req.correct = values[0] == "1";
    } else if (name == "q" || name == "page" || name == "size" || name == "sort" ||
               name == "year_from" || name == "year_to") {
      if (values.size() > 1) throw QueryError("parameter '" + name + "' given twice");
      if (name == "year_from") req.year_from = IntParameter(name, values[0]);
      if (name == "year_to") req.year_to = IntParameter(name, values[0]);
      if (name == "q") req.q = values[0];
      if (name == "sort") req.sort = values[0];
      if (name == "page") req.page = IntParameter(name, values[0]);
      if (name == "size") req.size = IntParameter(name, values[0]);
    } else {
      req.filters[name] = values;  // a facet: repeatable, OR within it
    }
  }
  ValidateSearchRequest(req);
  return req;
}

}  // namespace coop
