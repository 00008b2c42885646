#include "coop/facets.h"

#include <Poco/JSON/Object.h>

#include <algorithm>

#include "coop/schema.h"

namespace coop {

RecordFacetSpy::RecordFacetSpy(std::vector<Xapian::valueno> slots)
    : slots_(std::move(slots)), counts_(slots_.size()) {}

void RecordFacetSpy::Reset() {
  seen_.clear();
  for (auto& c : counts_) c.clear();
}

void RecordFacetSpy::operator()(const Xapian::Document& doc, double) {
  if (!seen_.insert(doc.get_value(schema::kSlotRecordId)).second) return;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    const std::string joined = doc.get_value(slots_[i]);
    std::size_t pos = 0;
    while (pos < joined.size()) {
      std::size_t end = joined.find(schema::kValueSeparator, pos);
      if (end == std::string::npos) end = joined.size();
      if (end > pos) ++counts_[i][joined.substr(pos, end - pos)];
      pos = end + 1;
    }
  }
}

Poco::JSON::Array::Ptr RecordFacetSpy::Counts(Xapian::valueno slot, std::size_t limit) const {
  Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
  const auto it = std::find(slots_.begin(), slots_.end(), slot);
  if (it == slots_.end()) return out;
  const auto& counts = counts_[static_cast<std::size_t>(it - slots_.begin())];
  std::vector<std::pair<std::string, std::size_t>> sorted(counts.begin(), counts.end());
  if (slot == schema::kSlotYear) {
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
  } else {
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
  }
  for (std::size_t i = 0; i < sorted.size() && i < limit; ++i) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("value", sorted[i].first);
    o->set("count", static_cast<Poco::UInt64>(sorted[i].second));
    out->add(o);
  }
  return out;
}

}  // namespace coop
