// Facet counting over records. Passages of one record all match separately, so Xapian's
// ValueCountMatchSpy would count a record once per matching passage; this spy counts each record
// once, which is what users see ("Marrakech (5)" = five partnerships).
#ifndef COOP_FACETS_H_
#define COOP_FACETS_H_

#include <Poco/JSON/Array.h>
#include <xapian.h>

#include <cstddef>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

namespace coop {

/// Counts the display values of some facet value slots over the distinct records (by the record
/// id slot) of the documents the matcher shows it. Exact when the match checks every document
/// (get_mset with check_at_least >= doccount). Not thread-safe; one per query.
class RecordFacetSpy : public Xapian::MatchSpy {
 public:
  /// `slots`: the facet value slots to count (values joined by schema::kValueSeparator).
  explicit RecordFacetSpy(std::vector<Xapian::valueno> slots);

  void operator()(const Xapian::Document& doc, double weight) override;

  /// Forgets all counts (to reuse the spy for another match).
  void Reset();

  /// Number of distinct records seen.
  std::size_t records() const { return seen_.size(); }

  /// Counts of the values of `slot` (which must be one passed to the constructor):
  /// [{"value": v, "count": n}], by count descending then value, at most `limit` entries.
  /// Years are listed newest first instead.
  Poco::JSON::Array::Ptr Counts(Xapian::valueno slot, std::size_t limit) const;

 private:
  std::vector<Xapian::valueno> slots_;
  std::vector<std::map<std::string, std::size_t>> counts_;  // parallel to slots_
  std::unordered_set<std::string> seen_;
};

}  // namespace coop

#endif  // COOP_FACETS_H_
