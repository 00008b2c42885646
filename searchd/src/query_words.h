// Free words of the query language (coop/query_parser.h): how query text is read as words
// (segments of compounds and their parts), which words are question words, the exact forms a
// word earns a bonus for, the proximity boosts of adjacent words, and the place names and
// synonym groups a run of words spells.
#ifndef COOP_SEARCHD_QUERY_WORDS_H_
#define COOP_SEARCHD_QUERY_WORDS_H_

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "coop/analyzer.h"
#include "coop/index_metadata.h"  // PlaceName
#include "coop/query_parser.h"    // PlaceNames

namespace coop::query {

/// One word of analysed query text: a plain token (`parts` holds it alone), or a hyphenated
/// compound with its parts. Points into the token vector it was made from.
struct Segment {
  const Token* compound = nullptr;
  std::vector<const Token*> parts;
};

/// The segments of `tokens` (Analyzer::Analyze order: a compound just before its parts), in
/// order. Thread-safe.
std::vector<Segment> Segments(const std::vector<Token>& tokens);

/// Whether the folded `term` is a French interrogative word ("quelles", "comment", "ou"):
/// dropped from the required words like a stopword when the query has other words (questions
/// rank by their content words). Source of the list in query_words.cpp. Thread-safe.
bool IsQuestionWord(std::string_view term);

/// The folded `term` and its other grammatical number as French writes most plurals: -s
/// dropped or added, -x after -au and -eu ("eau", "eaux"). The exact-form bonus goes to both
/// (measured in query_parser.cpp WordQuery). Thread-safe.
std::vector<std::string> NumberForms(const std::string& term);

/// For each two tokens of `tokens` at consecutive positions with a content word among them (not
/// a stopword, number or question word), the records holding them side by side (their
/// shingle, schema::kShingle) weighed by their content words' exact forms again, times
/// kAdjacentWeight (query_words.cpp, with its measurements): "equipements publics" ranks the
/// record that writes "équipements publics" above those with the words pages apart; two
/// content words side by side add their exact-run term (schema::kExactRun, kExactRunWeight).
/// Empty for runs of more than 3 content words and for questions (a question word among
/// `tokens`): a question ranks by its content words only. Weight only: ParsedQuery::boost,
/// which never changes which records match. Thread-safe.
/// With `either_number`, a content word of a run also matches in its other number
/// (NumberForms; ParseOptions::runs_in_either_number).
struct AdjacencyOptions {
  bool either_number = false;
  /// If set, whether some document has a term: a boost none of whose shingles (or exact runs)
  /// is indexed matches nothing and is left out (ParseOptions::indexed).
  std::function<bool(const std::string& term)> indexed;
};
std::vector<Xapian::Query> AdjacencyBoosts(const std::vector<Token>& tokens,
                                           const AdjacencyOptions& options = {});

/// The longest of `places` whose words are those of segments[i..i+length) (compounds read as
/// their parts), setting `length` (segments used); nullptr if none is longer than `length` on
/// entry. Of equally long names, the first in `places`' order. Thread-safe.
const PlaceName* MatchPlace(const PlaceNames& places, const std::vector<Segment>& segments,
                            std::size_t i, std::size_t& length);

/// The synonym group of `analyzer` (analyzers/data/variants.txt) with an alternative equal to
/// `terms`, or nullptr. Thread-safe (reads data fixed at the analyzer's construction).
const SynonymGroup* GroupOf(const Analyzer& analyzer, const std::vector<std::string>& terms);

/// The group of the longest synonym alternative, longer than `length` on entry, that the plain
/// (non-compound) words from segments[i] spell out, setting `length`; nullptr if none.
/// Thread-safe as GroupOf.
const SynonymGroup* MatchSynonym(const Analyzer& analyzer, const std::vector<Segment>& segments,
                                 std::size_t i, std::size_t& length);

}  // namespace coop::query

#endif  // COOP_SEARCHD_QUERY_WORDS_H_
