// Internals of coop::Enricher shared by its source files (enrich.cpp: names, domains, Enrich;
// enrich_patterns.cpp: collectivity patterns and partnership detection, issue 15). Not a public
// header: nothing outside indexer/src includes it.
#ifndef COOP_ENRICH_INTERNAL_H_
#define COOP_ENRICH_INTERNAL_H_

#include <algorithm>
#include <initializer_list>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "coop/analyzer.h"
#include "coop/enrich.h"
#include "coop/reference_data.h"

namespace coop {
namespace enrich_detail {

// A word of analyzed text (connectives left out): folded term, byte span, capitalised or not.
struct Word {
  std::string term;
  std::size_t begin;
  std::size_t end;
  bool upper;
};

// Occurrences of a multi-word thesaurus term in a partnership's text that make its domain one of
// the partnership's even when its "Domaines d'activités" wording omits it (see Enrich()).
inline constexpr int kRepeatedTermMin = 2;

// What a folded name (words joined by ' ') may denote; lower rank wins.
struct NameTargets {
  int actor = -1;
  int actor_rank = 99;
  int place = -1;
  int place_rank = 99;
};

// One name found in a word list: words [first, last], and its actor and/or place (-1: none).
struct NameMatch {
  std::size_t first;
  std::size_t last;
  int actor;
  int place;
};

// What a word list given to ScanNames holds, which decides what may count as a name in it.
enum class NameText {
  // Prose (Enricher::Mentions): a name counts only where its last word is capitalised, so that a
  // lower-case word that happens to spell a place or actor name is not taken for one.
  kRunningText,
  // A partner's name (Enricher::Enrich): known to be a name, so its words match in any case.
  kPartnerName,
};

// Whether Impl::ScanDomains counts a phrase occurrence inside a capitalised name.
enum class InNames {
  // Every occurrence, capitalised or not (domain wordings, headings, body text).
  kCount,
  // An occurrence whose words are all capitalised is part of a proper name ("Inspection Régionale
  // de l'Aménagement du Territoire") or an upper-case heading, not work the text describes.
  kSkip,
};

inline bool IsMunicipal(const std::string& type) {
  return type == "commune urbaine" || type == "commune rurale" || type == "commune" ||
         type == "ville";
}

// Which place a bare name means when several share it: the town before its province.
inline int PlaceRank(const std::string& type) {
  if (IsMunicipal(type)) return 0;
  if (type == "cercle") return 1;
  if (type == "province" || type == "préfecture") return 2;
  if (type == "département") return 3;
  return 4;
}

inline void AddUnique(std::vector<std::string>& out, const std::string& v) {
  if (!v.empty() && std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
}

// Text as written, with line breaks and runs of spaces made single spaces.
inline std::string CollapseSpaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (!space) {
      out.push_back(c);
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  return out;
}

}  // namespace enrich_detail

struct Enricher::Impl {
  using Word = enrich_detail::Word;
  using NameTargets = enrich_detail::NameTargets;
  using NameMatch = enrich_detail::NameMatch;
  using NameText = enrich_detail::NameText;
  using InNames = enrich_detail::InNames;

  const ReferenceData& data = ReferenceData::Embedded();
  mutable std::mutex mu;
  mutable Analyzer analyzer{AnalyzerOptions{.stem = false, .keep_stopwords = true}};
  std::unordered_map<std::string, NameTargets> names;
  std::size_t max_name_words = 0;
  using DomainDict = std::unordered_map<std::string, std::vector<int>>;  // phrase key -> domains
  DomainDict domain_any, domain_list;
  DomainDict domain_terms;  // the phrases of domain_any of two words or more (connectives aside)
  std::unordered_map<std::string, std::vector<int>> domain_whole;  // label, phrase or list phrase
  std::size_t max_domain_words = 0;
  std::set<std::string> street_words;
  std::set<std::string> connectives;

  Impl();
  std::vector<Word> Words(std::string_view text) const;
  std::string Key(std::string_view phrase) const;
  void AddActorName(const std::string& phrase, int actor, int rank);
  std::vector<NameMatch> ScanNames(const std::vector<Word>& w, NameText text) const;
  // Per domain index: {occurrences, first word position} of the phrases of `dicts` in `text`;
  // `in_names` says whether occurrences inside capitalised names count.
  std::map<int, std::pair<int, std::size_t>> ScanDomains(
      std::string_view text, std::initializer_list<const DomainDict*> dicts,
      InNames in_names) const;
  const Place* PlaceOf(const NameMatch& m) const;
  void AddPlace(Record& r, const Place& p) const;

  // Collectivity patterns (enrich_patterns.cpp), built on first use: every place whose match
  // rule is not "no", by folded words (several places may share a key), and the folded cues.
  const std::unordered_map<std::string, std::vector<int>>& PatternPlaces() const;
  mutable std::once_flag pattern_once;
  mutable std::unordered_map<std::string, std::vector<int>> pattern_places;
  mutable std::vector<std::string> cue_keys;
};

}  // namespace coop

#endif  // COOP_ENRICH_INTERNAL_H_
