// Helpers shared by the Searcher's source files (not part of the public API).
#ifndef COOP_SEARCHD_SEARCHER_INTERNAL_H_
#define COOP_SEARCHD_SEARCHER_INTERNAL_H_

#include <Poco/JSON/Object.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include <string>

namespace coop {

/// Parses a document's JSON data, keeping key order. Throws Poco::Exception if malformed.
inline Poco::JSON::Object::Ptr ParseData(const std::string& data) {
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(/*preserveObjectOrder=*/true));
  return parser.parse(data).extract<Poco::JSON::Object::Ptr>();
}

}  // namespace coop

#endif  // COOP_SEARCHD_SEARCHER_INTERNAL_H_
