// JSON sidecars of reports (coop/sidecar.h).
#include "coop/sidecar.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>

namespace coop {
namespace {

[[noreturn]] void Fail(const std::string& file, const std::string& field,
                       const std::string& problem) {
  throw SidecarError(file + ": field '" + field + "': " + problem);
}

std::optional<std::string> StringField(const Poco::JSON::Object::Ptr& o, const std::string& key,
                                       const std::string& file) {
  if (!o->has(key)) return std::nullopt;
  const Poco::Dynamic::Var v = o->get(key);
  if (!v.isString()) Fail(file, key, "expected a string");
  return v.extract<std::string>();
}

}  // namespace

Sidecar ParseSidecar(std::string_view json, const std::string& file) {
  Poco::JSON::Object::Ptr o;
  try {
    const Poco::Dynamic::Var v = Poco::JSON::Parser().parse(std::string(json));
    if (v.type() != typeid(Poco::JSON::Object::Ptr))
      throw SidecarError(file + ": not a JSON object");
    o = v.extract<Poco::JSON::Object::Ptr>();
  } catch (const SidecarError&) {
    throw;
  } catch (const Poco::Exception& e) {
    throw SidecarError(file + ": malformed JSON: " + e.message());
  }
  Sidecar s;
  s.title = StringField(o, "title", file);
  s.publisher = StringField(o, "publisher", file);
  s.date = StringField(o, "date", file);
  if (o->has("partners")) {
    const Poco::JSON::Array::Ptr arr = o->getArray("partners");
    if (!arr) Fail(file, "partners", "expected an array");
    std::vector<Partner> partners;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const Poco::Dynamic::Var e = arr->get(static_cast<unsigned>(i));
      Partner p;
      if (e.isString()) {
        p.name = e.extract<std::string>();
      } else if (e.type() == typeid(Poco::JSON::Object::Ptr)) {
        const auto po = e.extract<Poco::JSON::Object::Ptr>();
        p.name = StringField(po, "name", file).value_or("");
        p.country = StringField(po, "country", file).value_or("");
      } else {
        Fail(file, "partners", "element " + std::to_string(i) + " is neither a name nor an object");
      }
      if (p.name.empty()) Fail(file, "partners", "element " + std::to_string(i) + " has no name");
      partners.push_back(std::move(p));
    }
    s.partners = std::move(partners);
  }
  if (o->has("years")) {
    const Poco::JSON::Array::Ptr arr = o->getArray("years");
    if (!arr) Fail(file, "years", "expected an array");
    std::vector<int> years;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const Poco::Dynamic::Var e = arr->get(static_cast<unsigned>(i));
      if (!e.isInteger())
        Fail(file, "years", "element " + std::to_string(i) + " is not an integer");
      const int y = e.convert<int>();
      if (y < 1900 || y > 2100) Fail(file, "years", std::to_string(y) + " is not in 1900..2100");
      if (std::find(years.begin(), years.end(), y) == years.end()) years.push_back(y);
    }
    std::sort(years.begin(), years.end());
    s.years = std::move(years);
  }
  return s;
}

std::string SidecarPathOf(const std::string& path) { return path + ".json"; }

bool IsSidecarOf(const std::string& name, const std::vector<std::string>& names) {
  constexpr std::string_view kExt = ".json";
  if (name.size() <= kExt.size() || !name.ends_with(kExt)) return false;
  const std::string report = name.substr(0, name.size() - kExt.size());
  return std::find(names.begin(), names.end(), report) != names.end();
}

void ApplySidecar(const Sidecar& s, SourceInfo& info) {
  if (s.title) info.title = *s.title;
  if (s.publisher) info.publisher = *s.publisher;
  if (s.date) info.date = *s.date;
  if (s.partners) info.actors = *s.partners;
}

void ApplySidecar(const Sidecar& s, std::vector<Record>& records) {
  for (Record& r : records) {
    if (s.title && records.size() == 1) {
      r.title = *s.title;
      r.sources["title"] = "sidecar";
    }
    if (s.partners && records.size() == 1) {
      r.sources["partners"] = "sidecar";
      // Parties of two countries: the report is about that partnership (as PartnersOfText).
      std::vector<std::string> countries;
      for (const Partner& p : r.partners) {
        if (!p.country.empty() &&
            std::find(countries.begin(), countries.end(), p.country) == countries.end())
          countries.push_back(p.country);
      }
      if (r.style == "text" && countries.size() >= 2) {
        r.kind = "partnership";
        for (Partner& p : r.partners) p.role = "partner";
      }
    }
    if (s.years) {
      r.years = *s.years;
      r.sources["years"] = "sidecar";
    }
  }
}

}  // namespace coop
