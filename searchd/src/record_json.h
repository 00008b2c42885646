// JSON pieces of a stored record shared by every response that shows records (search hits,
// record pages, actor pages, document views, exports), so that a record's partners, budgets and
// lists have one shape everywhere (docs/API.md).
#ifndef COOP_SEARCHD_RECORD_JSON_H_
#define COOP_SEARCHD_RECORD_JSON_H_

#include <string>
#include <vector>

#include "coop/record_value.h"
#include "json_writer.h"

namespace coop::http {

/// Writes `values` as a JSON array of strings. Throws as JsonWriter::String. Thread-safe.
inline void WriteStrings(JsonWriter& w, const std::vector<std::string>& values) {
  w.StartArray();
  for (const std::string& v : values) w.String(v);
  w.EndArray();
}

/// Writes `values` (years, pages) as a JSON array of integers. Thread-safe.
inline void WriteInts(JsonWriter& w, const std::vector<int>& values) {
  w.StartArray();
  for (int v : values) w.Int(v);
  w.EndArray();
}

/// Writes [{name, country, actor_id?, actor?, type?, role?}]: the empty optional members are
/// left out. Throws as JsonWriter::String. Thread-safe.
inline void WritePartners(JsonWriter& w, const std::vector<StoredPartner>& partners) {
  w.StartArray();
  for (const StoredPartner& p : partners) {
    w.StartObject();
    w.Key("name");
    w.String(p.name);
    w.Key("country");
    w.String(p.country);
    const std::pair<const char*, const std::string*> optional[] = {{"actor_id", &p.actor_id},
                                                                   {"actor", &p.actor_name},
                                                                   {"type", &p.actor_type},
                                                                   {"role", &p.role}};
    for (const auto& [key, value] : optional) {
      if (value->empty()) continue;
      w.Key(key);
      w.String(*value);
    }
    w.EndObject();
  }
  w.EndArray();
}

/// Writes [{amount, currency, funds}]. Thread-safe.
inline void WriteBudgets(JsonWriter& w, const std::vector<StoredBudget>& budgets) {
  w.StartArray();
  for (const StoredBudget& b : budgets) {
    w.StartObject();
    w.Key("amount");
    w.Double(b.amount);
    w.Key("currency");
    w.String(b.currency);
    w.Key("funds");
    w.String(b.funds);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace coop::http

#endif  // COOP_SEARCHD_RECORD_JSON_H_
