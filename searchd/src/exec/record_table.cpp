#include "exec/record_table.h"

#include <algorithm>
#include <unordered_map>

#include "coop/analyzer.h"

namespace coop::exec {

RecordTable::RecordTable(const Xapian::Database& db) {
  std::array<std::unordered_map<std::string, std::uint32_t>, kFacetCount> value_ids;
  const std::string record_term = schema::Term(schema::kDocType, schema::kDocTypeRecord);
  std::string last_order;
  for (auto it = db.postlist_begin(record_term); it != db.postlist_end(record_term); ++it) {
    const Xapian::Document doc = db.get_document(*it, Xapian::DOC_ASSUME_VALID);
    docids_.push_back(*it);
    fields_.push_back(DecodeRecord(doc.get_data()));
    // Sortable-serialised numbers compare as their byte strings.
    std::string order = doc.get_value(schema::kSlotOrder);
    if (docids_.size() > 1 && !(last_order < order)) docids_in_corpus_order_ = false;
    last_order = std::move(order);
    for (std::size_t f = 0; f < kFacetCount; ++f) {
      std::vector<std::uint32_t> ids;
      const std::string joined = doc.get_value(schema::kFacets[f].slot);
      for (std::size_t pos = 0; pos < joined.size();) {
        std::size_t end = joined.find(schema::kValueSeparator, pos);
        if (end == std::string::npos) end = joined.size();
        if (end > pos) {
          auto [v, added] = value_ids[f].emplace(joined.substr(pos, end - pos),
                                                 static_cast<std::uint32_t>(names_[f].size()));
          if (added) names_[f].push_back(v->first);
          ids.push_back(v->second);
        }
        pos = end + 1;
      }
      for (std::uint32_t id : ids) {
        if (record_counts_[f].size() <= id) record_counts_[f].resize(id + 1, 0);
        ++record_counts_[f][id];
      }
      if (value_start_[f].empty()) value_start_[f].push_back(0);
      value_ids_[f].insert(value_ids_[f].end(), ids.begin(), ids.end());
      value_start_[f].push_back(static_cast<std::uint32_t>(value_ids_[f].size()));
    }
  }
  Analyzer analyzer;  // once per revision: folded names for accent-insensitive autocomplete
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    for (const std::string& name : names_[f]) folded_[f].push_back(analyzer.Fold(name));
    std::vector<std::uint32_t> by_name(names_[f].size());
    for (std::uint32_t id = 0; id < by_name.size(); ++id) by_name[id] = id;
    std::sort(by_name.begin(), by_name.end(),
              [&](auto a, auto b) { return names_[f][a] < names_[f][b]; });
    name_rank_[f].resize(by_name.size());
    for (std::uint32_t r = 0; r < by_name.size(); ++r) name_rank_[f][by_name[r]] = r;
    if (names_[f].empty() || names_[f].size() > kBitmapValues) continue;
    bitmaps_[f].assign(names_[f].size() * BitmapWords(), 0);
    for (std::uint32_t rec = 0; rec < fields_.size(); ++rec) {
      for (std::uint32_t v : Values(f, rec)) {
        bitmaps_[f][v * BitmapWords() + rec / 64] |= std::uint64_t{1} << (rec % 64);
      }
    }
  }
  // Searches match record documents only, which have the lowest docids
  // (schema::kPassageDocidBase): the table spans them, not the passages.
  Xapian::docid last = 0;
  for (Xapian::docid did : docids_) last = std::max(last, did);
  record_of_.assign(static_cast<std::size_t>(last) + 1, kNone);
  for (std::uint32_t rec = 0; rec < docids_.size(); ++rec) record_of_[docids_[rec]] = rec;
}

}  // namespace coop::exec
