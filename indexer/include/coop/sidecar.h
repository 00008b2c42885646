// Metadata a user gives with a report (issue 15, "Metadata from the user wins"): a JSON sidecar
// `X.json` next to report `X` (report.pdf -> report.pdf.json). Given fields replace extracted ones;
// the others are still extracted. Read by the index builder (MakeRecords) and `coop-index
// inspect`; the sidecar itself is never indexed as a report (ListSourceFiles skips it).
#ifndef COOP_SIDECAR_H_
#define COOP_SIDECAR_H_

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "coop/corpus.h"

namespace coop {

/// The fields of a sidecar; an absent field is std::nullopt (extraction decides).
struct Sidecar {
  std::optional<std::string> title;
  std::optional<std::string> publisher;
  std::optional<std::string> date;  ///< ISO 8601 prefix as in the manifest: "2017-03-27".
  /// {"name": "...", "country": "..."} objects (or bare names); parties of the partnership the
  /// report is about, or the actors a document is about.
  std::optional<std::vector<Partner>> partners;
  std::optional<std::vector<int>> years;  ///< 1900..2100.
};

/// A sidecar that cannot be used: what() is "<file>: field '<field>': <problem>" (or
/// "<file>: <problem>" for JSON that does not parse), naming the sidecar file.
class SidecarError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Parses sidecar JSON `json` read from file `file` (used in messages). Unknown keys are ignored.
/// Throws SidecarError on malformed JSON, a non-object top level, or a field of the wrong type
/// (title/publisher/date not strings, partners not an array of names or {name, country}
/// objects with a non-empty name, years not integers in 1900..2100). Pure; thread-safe.
Sidecar ParseSidecar(std::string_view json, const std::string& file);

/// The sidecar path of report `path`: `path` + ".json".
std::string SidecarPathOf(const std::string& path);

/// True if `name` is the sidecar of another file of `names` ("a.pdf.json" beside "a.pdf").
bool IsSidecarOf(const std::string& name, const std::vector<std::string>& names);

/// Applies `sidecar` to the source facts before segmentation: title, publisher, date; partners
/// become the document's actors (SourceInfo::actors). Only given fields change.
void ApplySidecar(const Sidecar& sidecar, SourceInfo& info);

/// Applies `sidecar` to the enriched records of its report (the partners already came in through
/// SourceInfo::actors): a file of one record takes the given title, and becomes a partnership when
/// it is of style "text" and the given partners are of two countries or more; given years
/// replace every record's years. The fields it set are noted "sidecar" in Record::sources.
void ApplySidecar(const Sidecar& sidecar, std::vector<Record>& records);

}  // namespace coop

#endif  // COOP_SIDECAR_H_
